using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Hubs;

/// <summary>
/// SignalR hub at <c>/hubs/runs</c>: start a run, stream its events (backlog then live), cancel it.
/// Goes through the same <see cref="RunService"/> as the REST API and UI.
/// </summary>
public sealed class RunsHub(RunService runs) : Hub
{
    /// <summary>The hub's route.</summary>
    public const string Path = "/hubs/runs";

    /// <summary>Validates and starts a run. Invalid arguments come back as errors per field, nothing starts.</summary>
    public StartRunResponse StartRun(string toolId, Dictionary<string, JsonElement>? arguments)
    {
        var result = runs.Start(toolId, arguments, Context.User?.Identity?.Name);
        return result.Outcome switch
        {
            StartRunOutcome.Started => new StartRunResponse(result.Run!.RunId, null, null),
            StartRunOutcome.UnknownTool => new StartRunResponse(null, $"No tool has the id '{toolId}'", null),
            StartRunOutcome.InvalidArguments => new StartRunResponse(null, $"Invalid arguments for {toolId}", result.Errors),
            _ => new StartRunResponse(null, "Too many active runs", null),
        };
    }

    /// <summary>
    /// Streams a run's events with seq greater than <paramref name="afterSeq"/>: the backlog, then live events,
    /// completing when the run has finished. Each item is one event (with its <c>type</c> discriminator).
    /// </summary>
    public async IAsyncEnumerable<ToolEvent> StreamRun(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = runs.Find(runId) ?? throw new HubException($"No run has the id '{runId}'");
        await foreach (var item in run.StreamAsync(afterSeq, cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Requests cancellation; false when the run is unknown or already finished.</summary>
    public bool CancelRun(string runId) => runs.Cancel(runId);

    /// <summary>Current status of a run (no events), or null when unknown.</summary>
    public Api.RunResource? GetRun(string runId) =>
        runs.Find(runId) is { } run ? Api.RunResource.From(run, includeEvents: false) : null;
}

/// <summary>Answer to <see cref="RunsHub.StartRun"/>: a run id, or an error with messages per field.</summary>
/// <param name="RunId">The new run's id, when started.</param>
/// <param name="Error">What went wrong, when not started.</param>
/// <param name="Errors">Messages per argument, when arguments were invalid.</param>
public sealed record StartRunResponse(string? RunId, string? Error, IReadOnlyDictionary<string, string[]>? Errors);
