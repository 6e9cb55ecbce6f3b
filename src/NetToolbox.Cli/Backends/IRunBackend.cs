using NetToolbox.Contracts;

namespace NetToolbox.Cli.Backends;

/// <summary>
/// Where tools run: in this process (<see cref="LocalBackend"/>, the same plugin catalog and run engine as the web app)
/// or on a NetToolbox portal (<see cref="RemoteBackend"/>, over its SignalR hub). Output and exit codes do not depend on it.
/// </summary>
internal interface IRunBackend : IAsyncDisposable
{
    /// <summary>Every tool this backend can run, with its parameter schema.</summary>
    IReadOnlyList<ToolDescriptor> Tools { get; }

    /// <summary>Plugins that failed to load, with the reason (local only; a portal shows its own).</summary>
    IReadOnlyList<string> PluginErrors { get; }

    /// <summary>Validates the arguments and starts a run.</summary>
    Task<StartOutcome> StartAsync(string toolId, IReadOnlyDictionary<string, string?> arguments, CancellationToken cancellationToken);

    /// <summary>The run's events with seq greater than <paramref name="afterSeq"/>: backlog then live, ending with the run.</summary>
    IAsyncEnumerable<ToolEvent> StreamAsync(string runId, long afterSeq, CancellationToken cancellationToken);

    /// <summary>Requests cancellation of a run.</summary>
    Task CancelAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run's status in the API's words (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, ...), or null when unknown.</summary>
    Task<string?> GetStatusAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>The answer to a start request: a run id, or what was wrong.</summary>
/// <param name="RunId">The new run, when started.</param>
/// <param name="Error">Why nothing started, when not.</param>
/// <param name="Errors">Messages per parameter when the arguments were invalid.</param>
internal sealed record StartOutcome(string? RunId, string? Error, IReadOnlyDictionary<string, string[]>? Errors);
