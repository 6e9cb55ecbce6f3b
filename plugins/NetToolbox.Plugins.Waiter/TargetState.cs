using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>Where one target stands.</summary>
internal enum TargetStatus
{
    /// <summary>Being checked (or queued in sequential mode).</summary>
    Waiting,

    /// <summary>Ready (inverted: down). Final.</summary>
    Ready,

    /// <summary>Not ready at the timeout, or denied by policy. Final.</summary>
    Failed,

    /// <summary>Never checked or stopped early because another target failed. Final.</summary>
    Skipped,
}

/// <summary>
/// One target's progress in a run. Changed only by the task checking that target; read by the
/// run for rows, progress and the result (counts are read with <see cref="Volatile"/>).
/// </summary>
internal sealed class TargetState(WaitTarget target)
{
    private static readonly string[] Columns = ["Target", "State", "Attempts", "Last error", "Elapsed (s)"];

    private int _status;

    public WaitTarget Target { get; } = target;

    public TargetStatus Status
    {
        get => (TargetStatus)Volatile.Read(ref _status);
        private set => Volatile.Write(ref _status, (int)value);
    }

    public int Attempts { get; private set; }

    /// <summary>Reason label of the last failed attempt (e.g. <c>refused</c>), or null.</summary>
    public string? LastReason { get; private set; }

    /// <summary>The last failure in words, or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Time spent on this target, from its first attempt to now or to its final state.</summary>
    public TimeSpan Elapsed { get; private set; }

    public void CountAttempt() => Attempts++;

    public void RecordFailure(string reason, string error, TimeSpan elapsed)
    {
        LastReason = reason;
        LastError = error;
        Elapsed = elapsed;
    }

    public void MarkReady(TimeSpan elapsed)
    {
        Elapsed = elapsed;
        Status = TargetStatus.Ready;
    }

    public void MarkFailed(string reason, string error, TimeSpan elapsed)
    {
        RecordFailure(reason, error, elapsed);
        Status = TargetStatus.Failed;
    }

    public void MarkSkipped(string why)
    {
        LastReason = "skipped";
        LastError = why;
        Status = TargetStatus.Skipped;
    }

    public static string Label(TargetStatus status) => status switch
    {
        TargetStatus.Ready => "ready",
        TargetStatus.Failed => "failed",
        TargetStatus.Skipped => "skipped",
        _ => "waiting",
    };

    /// <summary>The row for this target, keyed by the target text so updates replace it.</summary>
    public RowEvent ToRow() => new(
        Columns,
        [Target.Text, Label(Status), Attempts, LastError, Math.Round(Elapsed.TotalSeconds, 3)],
        Key: Target.Text);

    /// <summary>This target's part of the result data.</summary>
    public JsonObject ToJson() => new()
    {
        ["target"] = Target.Text,
        ["kind"] = Target.Kind.ToString().ToLowerInvariant(),
        ["state"] = Label(Status),
        ["attempts"] = Attempts,
        ["reason"] = Status == TargetStatus.Ready ? null : LastReason,
        ["lastError"] = LastError,
        ["elapsedMs"] = Math.Round(Elapsed.TotalMilliseconds, 1),
    };
}
