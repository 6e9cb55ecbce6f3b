using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.IpLookup;

/// <summary>Source-generated log messages of the IP lookup.</summary>
internal static partial class LookupLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Run {RunId}: looking up '{Name}' as {Source} ({Family})")]
    public static partial void LookingUp(ILogger logger, string runId, string name, string source, string family);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId}: resolving '{Name}' failed: {Reason}")]
    public static partial void ResolveFailed(ILogger logger, string runId, string name, string reason);
}
