using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.Pinger;

/// <summary>Diagnostics for the host's log (the run's own console gets <c>LogEvent</c>s).</summary>
internal static partial class PingerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Run {RunId}: pinging {Target} ({Address}) with a {Kind}")]
    public static partial void Started(ILogger logger, string runId, string target, System.Net.IPAddress address, string kind);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Run {RunId}: sweeping {Range} ({Count} addresses) with a {Kind}")]
    public static partial void SweepStarted(ILogger logger, string runId, System.Net.IPNetwork range, int count, string kind);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Run {RunId}: cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "ICMP receive failed, continuing: {Reason}")]
    public static partial void ReceiveFailed(ILogger logger, string reason);
}
