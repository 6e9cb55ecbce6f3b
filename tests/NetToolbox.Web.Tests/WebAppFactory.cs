using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NetToolbox.Web.Tests;

/// <summary>
/// The real app on Kestrel on a free loopback port, with a plugins directory made for the test:
/// the test tools (ticker, echo, fail), a plugin whose constructor throws, and every first-party plugin.
/// </summary>
public sealed class WebAppFactory : WebApplicationFactory<Program>
{
    private static readonly string[] TestPlugins = ["TestPlugin.Tools", "TestPlugin.Throwing"];

    private readonly IReadOnlyDictionary<string, string> _settings;

    public WebAppFactory()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>Starts the app with extra configuration settings (e.g. to test start-up validation).</summary>
    internal WebAppFactory(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        PluginsDirectory = Directory.CreateTempSubdirectory("nt-web-plugins-").FullName;
        foreach (var name in TestPlugins)
        {
            CopyDirectory(Path.Combine(AppContext.BaseDirectory, "testplugins", name), Path.Combine(PluginsDirectory, name));
        }

        var firstParty = Path.Combine(AppContext.BaseDirectory, "plugins");
        if (Directory.Exists(firstParty))
        {
            foreach (var folder in Directory.GetDirectories(firstParty))
            {
                CopyDirectory(folder, Path.Combine(PluginsDirectory, Path.GetFileName(folder)));
            }
        }

        UseKestrel(0);
        try
        {
            StartServer();
        }
        catch
        {
            Directory.Delete(PluginsDirectory, recursive: true);
            throw;
        }
    }

    public string PluginsDirectory { get; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Plugins:Directory", PluginsDirectory);
        builder.UseSetting("Runs:ShutdownGrace", "00:00:02");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts a run through the REST API and returns its id.</summary>
    public static async Task<string> StartRunAsync(HttpClient client, string toolId, object arguments)
    {
        using var response = await client.PostAsJsonAsync($"/api/tools/{toolId}/runs", arguments);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("runId").GetString()!;
    }

    /// <summary>Polls the REST API until the run has the wanted status (bounded).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string runId, string status, TimeSpan timeout)
    {
        JsonElement run = default;
        await Testing.Eventually.TrueAsync(
            async () =>
            {
                run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
                return run.GetProperty("status").GetString() == status;
            },
            timeout,
            $"run {runId} to be {status}");
        return run;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(PluginsDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A plugin assembly may still be mapped; the temp folder is harmless.
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

/// <summary>One app for the API and hub tests (starting Kestrel per test would be slow).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFactory>
{
    public const string Name = "web app";
}
