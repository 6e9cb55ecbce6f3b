using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class RunViewTests(BrowserAppFixture app)
{
    [Fact]
    public async Task PingerForm_RunAgainstLoopback_RunViewShowsReplyLinesChartAndResult()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.OpenAsync("/tools/pinger");
        await page.Locator("input[data-param=host]").FillAsync("127.0.0.1");
        await page.Locator("input[data-param=count]").FillAsync("6");
        await page.Locator("input[data-param=interval]").FillAsync("200ms");
        await page.GetByTestId("run-button").ClickAsync();

        await Expect(page).ToHaveURLAsync(RunUrl());
        var console = page.GetByTestId("console");
        await Expect(console).ToContainTextAsync("127.0.0.1");
        await Expect(page.GetByTestId("chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart] [data-series=rtt]")).ToContainTextAsync("samples");
        await Expect(page.GetByTestId("result")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("succeeded");
        await Expect(page.Locator("[data-testid=chart] [data-series=rtt]")).ToContainTextAsync("6 samples");
        await Expect(page.Locator("[data-table=stats]")).ToContainTextAsync("127.0.0.1");
    }

    [Fact]
    public async Task RunView_SameRunInTwoPages_BothSeeTheWholeStream()
    {
        var runId = await app.StartRunAsync("ticker", new { count = 40, interval = "50ms" });
        var (first, page1) = await app.NewPageAsync();
        await using var _ = first;
        var (second, page2) = await app.NewPageAsync();
        await using var __ = second;

        await page1.OpenAsync($"/runs/{runId}");
        await page2.OpenAsync($"/runs/{runId}");

        foreach (var page in new[] { page1, page2 })
        {
            await Expect(page.GetByTestId("result")).ToContainTextAsync("ticked 40 times");
            await Expect(page.GetByTestId("console-count")).ToHaveTextAsync("40 lines");
            await Expect(page.GetByTestId("progress")).ToContainTextAsync("40 of 40");
        }
    }

    [Fact]
    public async Task RunView_CancelARunningForwarder_StatusBecomesCancelled()
    {
        var runId = await app.StartRunAsync("forwarder", new { listen = "127.0.0.1:0", target = "127.0.0.1:9" });
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.OpenAsync($"/runs/{runId}");
        await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("running");

        await page.GetByTestId("cancel-button").ClickAsync();

        await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("cancelled");
        await Expect(page.GetByTestId("cancel-button")).ToHaveCountAsync(0);
        var run = await app.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunView_DownloadJsonAndCsv_FilesHoldTheRunsEventsRowsAndSamples()
    {
        var runId = await app.StartRunAsync("ticker", new { count = 5, interval = "10ms", rows = true });
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.OpenAsync($"/runs/{runId}");
        await Expect(page.GetByTestId("result")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Download the run" }).ClickAsync();
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-json").ClickAsync());
        using var events = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync()));
        Assert.Equal(runId, events.RootElement.GetProperty("runId").GetString());
        // 5 ticks of log, sample and progress, the keyed row once (the backlog keeps only its latest state), the result.
        Assert.Equal(17, events.RootElement.GetProperty("events").GetArrayLength());

        await page.GetByRole(AriaRole.Button, new() { Name = "Download the run" }).ClickAsync();
        var samples = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-samples").ClickAsync());
        var sampleLines = await File.ReadAllLinesAsync(await samples.PathAsync());
        Assert.Equal("at,series,value,unit", sampleLines[0]);
        Assert.Equal(6, sampleLines.Length);
        Assert.EndsWith(",tick,5,", sampleLines[^1], StringComparison.Ordinal);

        var rows = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-table=''] [data-testid=table-csv]").ClickAsync());
        Assert.Equal(["name,ticks", "state,5"], await File.ReadAllLinesAsync(await rows.PathAsync()));
    }

    [GeneratedRegex("/runs/[^/]+$")]
    private static partial Regex RunUrl();
}
