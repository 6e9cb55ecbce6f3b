using System.Diagnostics;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LogConsoleTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Console_TwentyThousandLines_KeepsFewLinesInTheDomFollowsTheEndAndStaysResponsive()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        var runId = await app.StartRunAsync("ticker", new { count = 20000, interval = "0" });
        var clock = Stopwatch.StartNew();

        await page.OpenAsync($"/runs/{runId}");

        await Expect(page.GetByTestId("console-count")).ToHaveTextAsync("20000 lines", new() { Timeout = 90_000 });
        output.WriteLine($"20000 lines shown {clock.ElapsedMilliseconds} ms after the run started");
        var console = page.GetByTestId("console");
        await Expect(console).ToContainTextAsync("tick 20000");
        await Expect(console).ToHaveAttributeAsync("data-following", "true");
        var domLines = await page.Locator("[data-testid=console] .nt-line").CountAsync();
        Assert.InRange(domLines, 1, 200);

        // Responsive: a round trip through the circuit (open the download menu) still answers promptly.
        var click = Stopwatch.StartNew();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Download the run" }).ClickAsync();
        await Expect(page.GetByTestId("download-json")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        output.WriteLine($"menu opened {click.ElapsedMilliseconds} ms after the click; {domLines} console lines in the DOM");
    }

    [Fact]
    public async Task Console_UserScrollsUpDuringAStream_AutoScrollPausesUntilFollowIsPressed()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        var runId = await app.StartRunAsync("ticker", new { count = 400, interval = "40ms" });
        await page.OpenAsync($"/runs/{runId}");
        var console = page.GetByTestId("console");
        await Expect(console).ToContainTextAsync("tick 60");
        await Expect(console).ToHaveAttributeAsync("data-following", "true");

        await console.HoverAsync();
        await page.Mouse.WheelAsync(0, -600);

        await Expect(console).ToHaveAttributeAsync("data-following", "false");
        var pausedAt = await console.EvaluateAsync<double>("e => e.scrollTop");
        var count = await CountAsync(page);
        await Expect(page.GetByTestId("console-count")).Not.ToHaveTextAsync($"{count} lines");
        await Expect(page.GetByTestId("console-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ lines$"));
        await WaitForMoreLinesAsync(page, count + 25);
        Assert.Equal(pausedAt, await console.EvaluateAsync<double>("e => e.scrollTop"), 1.0);
        Assert.False(await console.EvaluateAsync<bool>("e => e.scrollHeight - e.scrollTop - e.clientHeight <= 24"));

        await page.GetByTestId("console-follow").ClickAsync();

        await Expect(console).ToHaveAttributeAsync("data-following", "true");
        await Expect(console).ToContainTextAsync("tick 400");
    }

    private static async Task<int> CountAsync(Microsoft.Playwright.IPage page)
    {
        var text = await page.GetByTestId("console-count").InnerTextAsync();
        return int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForMoreLinesAsync(Microsoft.Playwright.IPage page, int atLeast) =>
        await Testing.Eventually.TrueAsync(async () => await CountAsync(page) >= atLeast, TimeSpan.FromSeconds(30), $"{atLeast} console lines");
}
