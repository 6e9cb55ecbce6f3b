using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetToolbox.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class RunExportApiTests(WebAppFactory app)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task EventsJson_FinishedRun_IsAnAttachmentWithEveryEvent()
    {
        using var client = app.CreateClient();
        var runId = await FinishedTickerAsync(client);

        using var response = await client.GetAsync($"/api/runs/{runId}/events.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"ticker-{runId}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        // 3 ticks of log, sample and progress, the keyed row once (superseded states leave the backlog), the result.
        Assert.Equal(11, run.GetProperty("events").GetArrayLength());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SamplesCsv_FinishedRun_HasAHeaderAndOneLinePerSample()
    {
        using var client = app.CreateClient();
        var runId = await FinishedTickerAsync(client);

        var lines = (await client.GetStringAsync($"/api/runs/{runId}/samples.csv")).TrimEnd('\n').Split('\n');

        Assert.Equal("at,series,value,unit", lines[0]);
        Assert.Equal(["tick,1,", "tick,2,", "tick,3,"], lines.Skip(1).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        Assert.All(lines.Skip(1), l => Assert.True(DateTimeOffset.TryParse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public async Task RowsCsv_KeyedRows_HoldTheLatestStateOfEachKey()
    {
        using var client = app.CreateClient();
        var runId = await FinishedTickerAsync(client);

        var csv = await client.GetStringAsync($"/api/runs/{runId}/rows.csv?table=");

        Assert.Equal("name,ticks\nstate,3\n", csv);
    }

    [Fact]
    public async Task LogTextAndCsv_TextWithCommasAndQuotes_KeptInTextAndQuotedInCsv()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "echo", new { message = "a, \"b\"" });
        await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", Deadline);

        var text = await client.GetStringAsync($"/api/runs/{runId}/log.txt");

        Assert.Contains("a, \"b\"", text, StringComparison.Ordinal);
        Assert.Equal("\"a, \"\"b\"\"\",x\n", CsvLine("a, \"b\"", "x"));
    }

    [Fact]
    public async Task Exports_UnknownRun_Return404()
    {
        using var client = app.CreateClient();

        foreach (var file in new[] { "events.json", "samples.csv", "rows.csv", "log.txt" })
        {
            using var response = await client.GetAsync($"/api/runs/no-such-run/{file}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static string CsvLine(params string[] fields)
    {
        var output = new System.Text.StringBuilder();
        NetToolbox.Web.Api.Csv.Line(output, fields);
        return output.ToString();
    }

    private static async Task<string> FinishedTickerAsync(HttpClient client)
    {
        var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 3, interval = "10ms", rows = true });
        await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", Deadline);
        return runId;
    }
}
