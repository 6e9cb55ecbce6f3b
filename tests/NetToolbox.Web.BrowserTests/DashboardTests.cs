using Microsoft.Playwright;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserAppFixture app)
{
    [Fact]
    public async Task Dashboard_Open_ShowsACardPerToolWithRunLinks()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.OpenAsync("/");

        foreach (var tool in new[] { "pinger", "interfaces", "iplookup", "forwarder", "waiter", "ticker" })
        {
            await Expect(page.Locator($"[data-tool={tool}]")).ToBeVisibleAsync();
        }

        await page.Locator("[data-tool=ticker]").GetByRole(AriaRole.Link, new() { Name = "Open Ticker" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tools/ticker$"));
        await Expect(page.Locator("input[data-param=count]")).ToHaveValueAsync("5");
    }

    [Fact]
    public async Task PluginsPage_Open_ListsEveryFirstPartyToolAsLoaded()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.OpenAsync("/plugins");

        var table = page.Locator("tbody");
        foreach (var tool in new[] { "pinger", "interfaces", "iplookup", "forwarder", "waiter" })
        {
            await Expect(table).ToContainTextAsync(tool);
        }

        await Expect(page.Locator("[data-plugin='NetToolbox.Plugins.Pinger'] [data-plugin-status]")).ToHaveTextAsync("loaded");
    }

    [Fact]
    public async Task ToolForm_PortOutOfRange_ShowsTheServersMessageInlineAndStaysOnThePage()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;
        var port = new ParameterSpec { Name = "port", Label = "Port", Kind = ParameterKind.Port };
        var expected = "Port " + ArgumentBinder.ValidateValue(port, "70000");

        await page.OpenAsync("/tools/echo");
        await page.Locator("input[data-param=message]").FillAsync("hello");
        await page.Locator("input[data-param=port]").FillAsync("70000");

        await Expect(page.GetByText(expected).First).ToBeVisibleAsync();
        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        Assert.EndsWith("/tools/echo", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolPage_ReopenedAfterARun_RemembersTheLastArgumentsInThisBrowser()
    {
        var (context, page) = await app.NewPageAsync();
        await using var _ = context;

        await page.OpenAsync("/tools/ticker");
        await page.Locator("input[data-param=count]").FillAsync("3");
        await page.Locator("input[data-param=interval]").FillAsync("10ms");
        await page.GetByTestId("run-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/"));

        await page.OpenAsync("/tools/ticker");

        await Expect(page.Locator("input[data-param=count]")).ToHaveValueAsync("3");
        await Expect(page.Locator("input[data-param=interval]")).ToHaveValueAsync("10ms");
        await Expect(page.GetByTestId("remembered")).ToBeVisibleAsync();
    }
}
