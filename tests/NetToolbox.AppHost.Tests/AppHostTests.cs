using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NetToolbox.AppHost.Tests;

/// <summary>
/// The real app host: the orchestrator (DCP, from NuGet) starts the web project as a process, the test waits for
/// Aspire's health check of it (<c>/health</c>) and then calls the API through the endpoint the app host allocated.
/// </summary>
public sealed class AppHostTests
{
    // Building nothing (the test project built the app host and web app), but starting DCP, the web app and loading
    // every plugin on a loaded 2-core machine: generous.
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task StartAsync_AppHost_WebBecomesHealthyAndServesToolsAndAlive()
    {
        using var timeout = new CancellationTokenSource(StartBound);
        var token = timeout.Token;

        // Random ports, so the test never collides with a plain run of the app on 5080.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NetToolbox_AppHost>(
            ["--DcpPublisher:RandomizePorts=true"], token);
        await using var app = await appHost.BuildAsync(token);
        await app.StartAsync(token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", token);

        using var client = app.CreateHttpClient("web", "http");
        Assert.NotEqual(5080, client.BaseAddress!.Port);
        var tools = await client.GetFromJsonAsync<JsonElement>("/api/tools", token);
        var ids = tools.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains("pinger", ids);
        Assert.Contains("forwarder", ids);

        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync(token));
    }

    [Fact]
    public async Task BuildAsync_AppModel_WebProjectOnlyAndNoContainers()
    {
        using var timeout = new CancellationTokenSource(StartBound);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NetToolbox_AppHost>(timeout.Token);
        await using var app = await appHost.BuildAsync(timeout.Token);

        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var project = Assert.Single(model.Resources.OfType<ProjectResource>());
        Assert.Equal("web", project.Name);
        Assert.Empty(model.Resources.OfType<ContainerResource>());
        Assert.Contains(project.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
    }
}
