using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>Diagnostics for the host's log (the run's console gets <c>LogEvent</c>s instead).</summary>
internal static partial class ForwarderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run {RunId}: forwarding {Listen} to {Target}")]
    public static partial void Listening(ILogger logger, string runId, string listen, string target);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId}: cannot start: {Reason}")]
    public static partial void StartFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Run {RunId}: accept failed: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Run {RunId}: {Count} connection(s) still closing after {Wait}")]
    public static partial void DrainTimedOut(ILogger logger, string runId, int count, TimeSpan wait);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Run {RunId}: stopped after {Connections} connection(s), {BytesUp} bytes up, {BytesDown} bytes down")]
    public static partial void Stopped(ILogger logger, string runId, long connections, long bytesUp, long bytesDown);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Run {RunId}: relay engine {Engine}")]
    public static partial void Engine(ILogger logger, string runId, string engine);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Run {RunId}: {Problem}")]
    public static partial void EngineFailed(ILogger logger, string runId, string problem);
}
