using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetToolbox.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class PluginsApiTests(WebAppFactory app)
{
    [Fact]
    public async Task GetPlugins_GoodAndBadPlugin_ListsBothWithStatusAndReason()
    {
        using var client = app.CreateClient();

        var plugins = (await client.GetFromJsonAsync<JsonElement>("/api/plugins")).EnumerateArray().ToList();

        var tools = plugins.Single(p => p.GetProperty("name").GetString() == "TestPlugin.Tools");
        Assert.Equal("loaded", tools.GetProperty("status").GetString());
        Assert.Equal("1.1.0", tools.GetProperty("contractVersion").GetString());
        Assert.Contains("ticker", tools.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        var broken = plugins.Single(p => p.GetProperty("name").GetString() == "TestPlugin.Throwing");
        Assert.Equal("failed", broken.GetProperty("status").GetString());
        Assert.Contains("threw", broken.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WithAFailedPlugin_StillAnswers200Degraded()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_Served_DescribesTheRestApi()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/tools", out _));
        Assert.True(paths.TryGetProperty("/api/tools/{toolId}/runs", out _));
        Assert.True(paths.TryGetProperty("/api/runs/{runId}", out _));
        Assert.True(paths.TryGetProperty("/api/plugins", out _));
    }

    [Fact]
    public async Task Dashboard_Prerendered_ShowsToolCardsAndNavigation()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("data-tool=\"ticker\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tools/echo\"", html, StringComparison.Ordinal);
    }
}

[Collection(WebAppCollection.Name)]
public sealed class FirstPartyPluginsTests(WebAppFactory app)
{
    [Theory]
    [InlineData("NetToolbox.Plugins.Forwarder", "forwarder")]
    [InlineData("NetToolbox.Plugins.Interfaces", "interfaces")]
    [InlineData("NetToolbox.Plugins.IpLookup", "iplookup")]
    [InlineData("NetToolbox.Plugins.Pinger", "pinger")]
    [InlineData("NetToolbox.Plugins.Waiter", "waiter")]
    public async Task GetPlugins_FirstPartyPluginBuiltWithTheApp_IsLoadedWithItsTool(string plugin, string tool)
    {
        using var client = app.CreateClient();

        var plugins = await client.GetFromJsonAsync<JsonElement>("/api/plugins");

        var entry = plugins.EnumerateArray().Single(p => p.GetProperty("name").GetString() == plugin);
        Assert.Equal("loaded", entry.GetProperty("status").GetString());
        Assert.Equal([tool], entry.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task StartRun_InterfacesThroughTheApi_ListsLoopbackLikeIp()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "interfaces", new { name = "lo" });

        var run = await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", TimeSpan.FromSeconds(15));

        var rows = run.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "row").ToList();
        Assert.Contains(rows, r => r.GetProperty("values").EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString()!.Contains("127.0.0.1/8", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StartRun_PingerToLoopbackThroughTheApi_Succeeds()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "pinger", new { host = "::1", count = 2, interval = "20ms" });

        var run = await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", TimeSpan.FromSeconds(15));

        Assert.Equal(2, run.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "sample" && e.GetProperty("series").GetString() == "rtt"));
    }
}
