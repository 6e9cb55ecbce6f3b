using System.ComponentModel.DataAnnotations;

namespace NetToolbox.Core.Runs;

/// <summary>Limits of the run engine. Bound from the <c>Runs</c> configuration section and validated at start-up.</summary>
public sealed class RunEngineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runs";

    /// <summary>Events kept per run; older ones are dropped (and counted). Default 10,000.</summary>
    [Range(10, 10_000_000)]
    public int MaxEventsPerRun { get; set; } = 10_000;

    /// <summary>Finished runs kept in memory, most recent first; older ones are forgotten. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int MaxFinishedRuns { get; set; } = 200;

    /// <summary>Runs allowed at once; further starts are refused. Default 100.</summary>
    [Range(1, 100_000)]
    public int MaxActiveRuns { get; set; } = 100;

    /// <summary>How long shutdown waits for cancelled tools to close their sockets. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);
}
