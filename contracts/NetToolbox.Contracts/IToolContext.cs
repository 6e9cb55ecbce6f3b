using Microsoft.Extensions.Logging;

namespace NetToolbox.Contracts;

/// <summary>What the host gives a tool for one run.</summary>
public interface IToolContext
{
    /// <summary>The run's identifier, for log correlation.</summary>
    string RunId { get; }

    /// <summary>Logger for diagnostics (goes to the host's logs, not the run's console: yield a <see cref="LogEvent"/> for that).</summary>
    ILogger Logger { get; }

    /// <summary>The clock to use for timestamps, delays and timeouts.</summary>
    TimeProvider Time { get; }

    /// <summary>What the tool may connect to or listen on.</summary>
    IDestinationPolicy Destinations { get; }

    /// <summary>
    /// Where the tool reports its own metrics (since contract 1.1). Hosts written against 1.0 get
    /// <see cref="NullToolMetrics"/> from this default.
    /// </summary>
    IToolMetrics Metrics => NullToolMetrics.Instance;
}
