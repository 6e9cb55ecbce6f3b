using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace NetToolbox.Web.BrowserTests;

/// <summary>
/// The real app on Kestrel on a free loopback port (plugins: the test tools plus every first-party plugin) and one headless
/// Debian Chromium driven by Playwright. Shared by the browser tests: starting either per test would be slow.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserAppFixture : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run",
    ];

    private AppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress => _app!.ClientOptions.BaseAddress;

    public HttpClient Http { get; private set; } = default!;

    /// <summary>Where screenshots go (NT_SCREENSHOTS, else a folder under /tmp).</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("NT_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "nettoolbox-screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(20_000);
        _app = new AppFactory();
        Http = new HttpClient { BaseAddress = _app.ClientOptions.BaseAddress };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own storage) and page; dispose the context when done.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.Error.WriteLine($"browser {message.Type}: {message.Text}");
            }
        };
        return (context, page);
    }

    /// <summary>Starts a run through the REST API and returns its id.</summary>
    public async Task<string> StartRunAsync(string toolId, object arguments)
    {
        using var response = await Http.PostAsJsonAsync($"/api/tools/{toolId}/runs", arguments);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("runId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class AppFactory : WebApplicationFactory<Program>
    {
        private readonly string _plugins = Directory.CreateTempSubdirectory("nt-browser-plugins-").FullName;

        public AppFactory()
        {
            CopyDirectory(Path.Combine(AppContext.BaseDirectory, "testplugins", "TestPlugin.Tools"), Path.Combine(_plugins, "TestPlugin.Tools"));
            foreach (var folder in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "plugins")))
            {
                CopyDirectory(folder, Path.Combine(_plugins, Path.GetFileName(folder)));
            }

            UseKestrel(0);
            StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development the app only serves published assets; read the build's manifest (MudBlazor, blazor.web.js, js/).
            builder.UseStaticWebAssets();
            builder.UseSetting("Plugins:Directory", _plugins);
            builder.UseSetting("Runs:ShutdownGrace", "00:00:02");
            // Keep every event of the 20,000-line console test (20,000 ticks × 3 events) for a late viewer too.
            builder.UseSetting("Runs:MaxEventsPerRun", "100000");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(_plugins, recursive: true);
            }
            catch (IOException)
            {
                // A plugin assembly may still be mapped; the temp folder is harmless.
            }
        }

        private static void CopyDirectory(string source, string destination)
        {
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(destination, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }
}

/// <summary>One app and one browser for every browser test.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}
