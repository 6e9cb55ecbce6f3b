using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Api;

/// <summary>A run as the API shows it. Field names are part of the public interface: add, never rename.</summary>
public sealed record RunResource
{
    public required string RunId { get; init; }

    public required string ToolId { get; init; }

    public required RunStatus Status { get; init; }

    public required JsonObject Arguments { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Events dropped from the backlog because it was full.</summary>
    public long DroppedEvents { get; init; }

    /// <summary>Sequence number of the newest event; poll with <c>?afterSeq=</c> to get only newer ones.</summary>
    public long LastSeq { get; init; }

    public ResultEvent? Result { get; init; }

    /// <summary>The backlog (only in single-run responses).</summary>
    public IReadOnlyList<ToolEvent>? Events { get; init; }

    public static RunResource From(Run run, bool includeEvents, long afterSeq = 0) => new()
    {
        RunId = run.RunId,
        ToolId = run.ToolId,
        Status = run.Status,
        Arguments = run.Arguments.DeepClone().AsObject(),
        StartedBy = run.StartedBy,
        StartedAt = run.StartedAt,
        EndedAt = run.EndedAt,
        DroppedEvents = run.DroppedEvents,
        LastSeq = run.LastSeq,
        Result = run.Result,
        Events = includeEvents ? run.GetEvents(afterSeq) : null,
    };
}

/// <summary>Answer to a successful start: where to find the run.</summary>
/// <param name="RunId">The new run's id.</param>
public sealed record RunStarted(string RunId);
