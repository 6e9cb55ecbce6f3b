using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Statistics;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>Turns outcomes and statistics into the contract's events (plain values only).</summary>
internal static class PingEvents
{
    /// <summary>Chart series of round-trip times (ms).</summary>
    public const string RttSeries = "rtt";

    /// <summary>Chart series of lost probes; the value is the timeout in ms, so the point sits at the top of the chart.</summary>
    public const string TimeoutSeries = "timeout";

    /// <summary>Chart series of probes answered by an error; the value is the time until the error in ms.</summary>
    public const string ErrorSeries = "error";

    public const string StatsTable = "stats";

    private static readonly string[] StatsColumns =
        ["target", "transmitted", "received", "errors", "lossPercent", "minMs", "avgMs", "maxMs", "mdevMs", "medianMs", "p95Ms"];

    public static IEnumerable<ToolEvent> ForOutcome(ProbeOutcome outcome, PingSettings settings)
    {
        var text = PingText.Outcome(outcome, settings);
        switch (outcome.Status)
        {
            case ProbeStatus.Reply:
            case ProbeStatus.Refused:
                yield return new SampleEvent(RttSeries, Round(outcome.ElapsedMs), "ms");
                yield return new LogEvent(LogEventLevel.Info, text);
                break;
            case ProbeStatus.Timeout:
                yield return new SampleEvent(TimeoutSeries, Round(outcome.ElapsedMs), "ms");
                yield return new LogEvent(LogEventLevel.Warning, text);
                break;
            default:
                yield return new SampleEvent(ErrorSeries, Round(outcome.ElapsedMs), "ms");
                yield return new LogEvent(LogEventLevel.Warning, text);
                break;
        }
    }

    /// <summary>The statistics as a row keyed "stats", so the view shows one always-current line.</summary>
    public static RowEvent StatsRow(string target, RttStatistics stats) => new(
        StatsColumns,
        [target, stats.Transmitted, stats.Received, stats.Errors, Round(stats.LossPercent),
            Round(stats.Min), Round(stats.Average), Round(stats.Max), Round(stats.MeanDeviation), Round(stats.Median), Round(stats.P95)],
        Key: StatsTable,
        Table: StatsTable);

    /// <summary>Result data for scripts: counts, loss and every RTT figure (null when nothing answered).</summary>
    public static JsonObject StatsData(string host, string address, PingSettings settings, RttStatistics stats, TimeSpan elapsed, long unanswered) => new()
    {
        ["host"] = host,
        ["address"] = address,
        ["mode"] = settings.TcpMode ? "tcp" : "icmp",
        ["port"] = settings.TcpMode ? settings.Port : null,
        ["transmitted"] = stats.Transmitted,
        ["received"] = stats.Received,
        ["errors"] = stats.Errors,
        ["unanswered"] = unanswered,
        ["lossPercent"] = Round(stats.LossPercent),
        ["minMs"] = Round(stats.Min),
        ["avgMs"] = Round(stats.Average),
        ["maxMs"] = Round(stats.Max),
        ["mdevMs"] = Round(stats.MeanDeviation),
        ["medianMs"] = Round(stats.Median),
        ["p95Ms"] = Round(stats.P95),
        ["timeMs"] = Math.Round(elapsed.TotalMilliseconds),
    };

    public static double Round(double value) => Math.Round(value, 3);

    public static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
