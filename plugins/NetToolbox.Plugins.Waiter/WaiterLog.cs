using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.Waiter;

/// <summary>Diagnostics for the host's log (the run's console gets <c>LogEvent</c>s instead).</summary>
internal static partial class WaiterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Run {RunId}: waiting for {Count} target(s), mode {Mode}, timeout {Timeout}, invert {Invert}")]
    public static partial void Started(ILogger logger, string runId, int count, string mode, TimeSpan timeout, bool invert);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Run {RunId}: {Target} attempt {Attempt} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string runId, string target, int attempt, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Run {RunId}: {Target} done after {Attempts} attempt(s) in {ElapsedMs} ms")]
    public static partial void TargetDone(ILogger logger, string runId, string target, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Run {RunId}: {Target} failed: {Reason}")]
    public static partial void TargetFailed(ILogger logger, string runId, string target, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Run {RunId}: finished, success {Success}, in {ElapsedMs} ms")]
    public static partial void Finished(ILogger logger, string runId, bool success, double elapsedMs);
}
