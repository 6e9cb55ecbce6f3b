using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetToolbox.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class ToolsApiTests(WebAppFactory app)
{
    [Fact]
    public async Task GetTools_PluginsLoaded_ListsToolsWithTheirSchema()
    {
        using var client = app.CreateClient();

        var tools = await client.GetFromJsonAsync<JsonElement>("/api/tools");

        var ticker = tools.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "ticker");
        Assert.Equal("Ticker", ticker.GetProperty("name").GetString());
        Assert.Equal("Test", ticker.GetProperty("category").GetString());
        Assert.False(ticker.GetProperty("privileged").GetBoolean());
        var parameters = ticker.GetProperty("parameters").EnumerateArray().ToList();
        var count = parameters.Single(p => p.GetProperty("name").GetString() == "count");
        Assert.Equal("integer", count.GetProperty("kind").GetString());
        Assert.Equal("5", count.GetProperty("default").GetString());
        Assert.Equal(1_000_000, count.GetProperty("max").GetDouble());
        var interval = parameters.Single(p => p.GetProperty("name").GetString() == "interval");
        Assert.Equal("duration", interval.GetProperty("kind").GetString());
        var echo = tools.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "echo");
        var mode = echo.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "mode");
        Assert.Equal(["fast", "slow"], mode.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task StartRun_ValidArguments_Returns202WithRunIdAndLocation()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/tools/echo/runs", new { message = "hi", port = 8080, delay = "PT0.25S" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();
        Assert.False(string.IsNullOrEmpty(runId));
        Assert.Equal($"/api/runs/{runId}", response.Headers.Location?.OriginalString);
        var run = await WebAppFactory.WaitForStatusAsync(client, runId!, "succeeded", TimeSpan.FromSeconds(10));
        var values = run.GetProperty("result").GetProperty("data").GetProperty("values");
        Assert.Equal(8080, values.GetProperty("port").GetInt32());
        Assert.Equal(250, values.GetProperty("delay").GetDouble());
        Assert.Equal("PT0.25S", run.GetProperty("arguments").GetProperty("delay").GetString());
        Assert.Equal("anonymous", run.GetProperty("startedBy").GetString());
    }

    [Fact]
    public async Task StartRun_UnknownTool_Returns404ProblemDetails()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/tools/no-such-tool/runs", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no-such-tool", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRun_InvalidArguments_Returns400NamingEachFieldAndStartsNothing()
    {
        using var client = app.CreateClient();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/runs?toolId=echo")).GetArrayLength();

        using var response = await client.PostAsJsonAsync("/api/tools/echo/runs", new { port = 70000, network = "10.0.0.1/8", bogus = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["bogus", "message", "network", "port"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("10.0.0.0/8", errors.GetProperty("network")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("between 0 and 65535", errors.GetProperty("port")[0].GetString(), StringComparison.Ordinal);
        var after = (await client.GetFromJsonAsync<JsonElement>("/api/runs?toolId=echo")).GetArrayLength();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task StartRun_MalformedJson_Returns400()
    {
        using var client = app.CreateClient();
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/tools/echo/runs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
