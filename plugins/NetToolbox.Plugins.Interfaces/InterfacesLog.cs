using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.Interfaces;

/// <summary>Source-generated log messages of the interface lister.</summary>
internal static partial class InterfacesLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Run {RunId}: read {Interfaces} interfaces and {Addresses} addresses in {ElapsedMs:0.0} ms")]
    public static partial void SnapshotRead(ILogger logger, string runId, int interfaces, int addresses, double elapsedMs);
}
