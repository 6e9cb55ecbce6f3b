using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RowActionTests(BrowserAppFixture app)
{
    [Fact]
    public async Task SweepRow_ClickPing_OpensThePingerWithTheAddressAndRunsIt()
    {
        var runId = await app.StartRunAsync("pinger", new { range = "127.0.0.0/30", timeout = "500ms" });
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.OpenAsync($"/runs/{runId}");
        await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("succeeded");

        await page.Locator("[data-table=hosts] [data-action=pinger][aria-label='Ping 127.0.0.1']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/tools/pinger\?host=127\.0\.0\.1$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("input[data-param=host]")).ToHaveValueAsync("127.0.0.1");
        await page.Locator("input[data-param=count]").FillAsync("2");
        await page.Locator("input[data-param=interval]").FillAsync("100ms");
        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/runs/[^/]+$"));
        await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("succeeded");
        await Expect(page.GetByTestId("console")).ToContainTextAsync("127.0.0.1");
    }

    [Fact]
    public async Task InterfacesRun_Grid_ShowsLoopbackAndFiltersRows()
    {
        var runId = await app.StartRunAsync("interfaces", new { });
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        await page.OpenAsync($"/runs/{runId}");

        var grid = page.Locator("[data-table=interfaces]");
        var loopback = grid.GetByRole(Microsoft.Playwright.AriaRole.Cell, new() { Name = "lo", Exact = true });
        await Expect(loopback).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-table=addresses] [data-action=waiter][aria-label='Wait 127.0.0.1']")).ToBeVisibleAsync();

        await grid.GetByTestId("table-filter").FillAsync("no-such-interface-name");
        await Expect(loopback).ToHaveCountAsync(0);
    }
}
