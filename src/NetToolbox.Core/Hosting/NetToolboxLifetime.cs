using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;

namespace NetToolbox.Core.Hosting;

/// <summary>
/// Ties the engine to the host's lifetime: plugins load when the host starts; on shutdown (Ctrl+C, SIGTERM)
/// every run is cancelled and the host waits briefly for tools to close their sockets.
/// </summary>
internal sealed class NetToolboxLifetime(PluginCatalog catalog, RunService runs, IOptions<RunEngineOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.LoadAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        runs.StopAllAsync(options.Value.ShutdownGrace, cancellationToken);
}
