using System.Text.Json.Serialization;

namespace NetToolbox.Core.Runs;

/// <summary>Lifecycle of a run. The JSON names are part of the public API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Accepted, not started yet.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The tool is running.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>The tool finished and reported success (or reported nothing).</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>The tool reported failure or threw.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Stopped through cancellation.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Helpers on <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    /// <summary>True once the run can no longer change.</summary>
    public static bool IsFinished(this RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}
