using System.Net.Http.Json;
using System.Text.Json;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NetToolbox.Cli.Tests;

/// <summary>
/// The real web app (portal) on Kestrel on a free loopback port with every first-party plugin, for <c>--server</c>
/// tests: the command under test talks to it over HTTP and the SignalR hub like it would to a team's portal.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Every request's path and Authorization header, as the portal received them (auth itself does not exist yet).</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public string Url => ClientOptions.BaseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>Starts a run through the REST API (as the browser does) and returns its id.</summary>
    public async Task<string> StartRunAsync(string toolId, object arguments)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync($"/api/tools/{toolId}/runs", arguments);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    /// <summary>The run as <c>GET /api/runs/{id}</c> shows it.</summary>
    public async Task<JsonElement> GetRunAsync(string runId)
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
    }

    /// <summary>The newest run of a tool (GET /api/runs?toolId=).</summary>
    public async Task<JsonElement?> NewestRunAsync(string toolId)
    {
        using var client = CreateClient();
        var runs = await client.GetFromJsonAsync<JsonElement>($"/api/runs?toolId={toolId}");
        return runs.GetArrayLength() > 0 ? runs[0] : null;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Plugins:Directory", Path.Combine(AppContext.BaseDirectory, "plugins"));
        builder.UseSetting("Runs:ShutdownGrace", "00:00:02");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordRequests(Requests)));
    }

    /// <summary>Records each request's Authorization header before the app sees it.</summary>
    private sealed class RecordRequests(ConcurrentQueue<(string Path, string? Authorization)> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                requests.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString()));
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>One portal for the <c>--server</c> tests (starting Kestrel per test would be slow).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFactory>
{
    public const string Name = "portal";
}
