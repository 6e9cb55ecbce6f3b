using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NetToolbox.Web.BrowserTests;

/// <summary>Navigation that waits until the Blazor circuit is live (the prerendered page ignores input).</summary>
internal static class PageExtensions
{
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.Locator("[data-interactive=yes]")).ToBeAttachedAsync();

    /// <summary>The run id from a /runs/{id} URL.</summary>
    public static string RunIdFromUrl(this IPage page) => new Uri(page.Url).Segments[^1];
}
