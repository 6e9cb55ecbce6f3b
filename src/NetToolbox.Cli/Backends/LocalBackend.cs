using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;

namespace NetToolbox.Cli.Backends;

/// <summary>
/// Runs tools in this process with Core's <see cref="PluginCatalog"/> (each plugin in its own collectible load context)
/// and <see cref="RunService"/>: the same loading, validation and run engine as the web app, no second implementation.
/// </summary>
internal sealed class LocalBackend : IRunBackend
{
    private readonly PluginCatalog _catalog;
    private readonly RunService _runs;

    private LocalBackend(PluginCatalog catalog, RunService runs)
    {
        _catalog = catalog;
        _runs = runs;
    }

    public IReadOnlyList<ToolDescriptor> Tools => _catalog.Tools.Select(t => t.Descriptor).ToList();

    public IReadOnlyList<string> PluginErrors => _catalog.Plugins
        .Where(p => p.Status == PluginStatus.Failed)
        .Select(p => $"plugin {p.Name} failed to load: {p.Error}")
        .ToList();

    /// <summary>Loads every plugin folder of <paramref name="pluginsDirectory"/> (relative paths: against the current directory).</summary>
    public static LocalBackend Load(string? pluginsDirectory)
    {
        var catalogOptions = new PluginCatalogOptions();
        if (!string.IsNullOrWhiteSpace(pluginsDirectory))
        {
            catalogOptions.Directory = Path.GetFullPath(pluginsDirectory);
        }

        var catalog = new PluginCatalog(Options.Create(catalogOptions), TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        catalog.LoadAll();
        var engine = Options.Create(new RunEngineOptions { MaxFinishedRuns = 16 });
        var runs = new RunService(
            catalog,
            new InMemoryRunStore(engine),
            engine,
            TimeProvider.System,
            new AllowAllDestinationPolicy(),
            NullLoggerFactory.Instance);
        return new LocalBackend(catalog, runs);
    }

    /// <summary>The directory this backend loaded plugins from.</summary>
    public string Directory => _catalog.Directory;

    public Task<StartOutcome> StartAsync(string toolId, IReadOnlyDictionary<string, string?> arguments, CancellationToken cancellationToken)
    {
        var result = _runs.Start(toolId, arguments, Environment.UserName);
        var outcome = result.Outcome switch
        {
            StartRunOutcome.Started => new StartOutcome(result.Run!.RunId, null, null),
            StartRunOutcome.UnknownTool => new StartOutcome(null, $"No tool has the id '{toolId}'", null),
            StartRunOutcome.InvalidArguments => new StartOutcome(null, $"Invalid arguments for {toolId}", result.Errors),
            _ => new StartOutcome(null, "Too many active runs", null),
        };
        return Task.FromResult(outcome);
    }

    public IAsyncEnumerable<ToolEvent> StreamAsync(string runId, long afterSeq, CancellationToken cancellationToken) =>
        (_runs.Find(runId) ?? throw new InvalidOperationException($"No run has the id '{runId}'")).StreamAsync(afterSeq, cancellationToken);

    public Task CancelAsync(string runId, CancellationToken cancellationToken)
    {
        _runs.Cancel(runId);
        return Task.CompletedTask;
    }

    public Task<string?> GetStatusAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(_runs.Find(runId) is { } run ? JsonSerializer.Serialize(run.Status).Trim('"') : null);

    public async ValueTask DisposeAsync()
    {
        // Cancels whatever still runs and waits (bounded) for the tools to close their sockets, then unloads the plugins.
        await _runs.DisposeAsync();
        _catalog.Dispose();
    }
}
