using System.Diagnostics;

namespace NetToolbox.Core.Telemetry;

/// <summary>
/// The engine's trace source. Plain System.Diagnostics: a host turns on OpenTelemetry (or any listener) for the
/// source and meter named <see cref="Name"/>; the engine itself references no telemetry library.
/// </summary>
public static class NetToolboxTelemetry
{
    /// <summary>Name of the activity source and of the meter.</summary>
    public const string Name = "NetToolbox";

    /// <summary>Spans: one per run (<c>run &lt;tool id&gt;</c>) with tool id, run id and final status.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Span tag: the tool's id.</summary>
    public const string ToolIdTag = "nettoolbox.tool.id";

    /// <summary>Span tag: the run's id.</summary>
    public const string RunIdTag = "nettoolbox.run.id";

    /// <summary>Span tag: the run's final status (<c>succeeded</c>, <c>failed</c>, <c>cancelled</c>).</summary>
    public const string RunStatusTag = "nettoolbox.run.status";
}
