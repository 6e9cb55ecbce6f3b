using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

/// <summary>Screenshots for the docs (and for a human to check the look): light, dark and phone-sized.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserAppFixture app)
{
    [Fact]
    public async Task Screenshots_DashboardPingRunAndInterfaces_AreWrittenInLightDarkAndPhoneSizes()
    {
        Directory.CreateDirectory(BrowserAppFixture.ScreenshotDirectory);
        var ping = await app.StartRunAsync("pinger", new { host = "127.0.0.1", count = 8, interval = "100ms" });
        var interfaces = await app.StartRunAsync("interfaces", new { });

        var (context, page) = await app.NewPageAsync();
        await using (context)
        {
            await page.OpenAsync("/");
            await Expect(page.Locator("[data-tool=pinger]")).ToBeVisibleAsync();
            await ShootAsync(page, "dashboard.png");

            await page.OpenAsync($"/runs/{ping}");
            await Expect(page.Locator("[data-status]").First).ToHaveTextAsync("succeeded");
            await ShootAsync(page, "ping-run.png");

            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark theme" }).ClickAsync();
            await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
            await ShootAsync(page, "ping-run-dark.png");

            await page.OpenAsync($"/runs/{interfaces}");
            await Expect(page.Locator("[data-table=interfaces]")).ToBeVisibleAsync();
            await ShootAsync(page, "interfaces.png");
        }

        var (phone, small) = await app.NewPageAsync(390, 844);
        await using (phone)
        {
            await small.OpenAsync($"/runs/{ping}");
            await Expect(small.Locator("[data-status]").First).ToHaveTextAsync("succeeded");
            await ShootAsync(small, "ping-run-phone.png");
            var overflow = await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, "the run view scrolls sideways at phone width");
        }
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        var path = Path.Combine(BrowserAppFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{name} is empty");
    }
}
