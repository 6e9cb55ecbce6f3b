using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetToolbox.Plugins.Pinger.Statistics;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>The lines a run prints, worded and formatted like iputils ping (and fping for running statistics).</summary>
internal static class PingText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Header(PingSettings settings, string host, IPAddress address, string kind)
    {
        if (settings.TcpMode)
        {
            return Format($"TCP PING {host} ({address}) port {settings.Port}: connect time, {kind}.");
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? Format($"PING {host} ({address}) {settings.Size} data bytes, {kind}.")
            : Format($"PING {host} ({address}) {settings.Size}({settings.Size + 28}) bytes of data, {kind}.");
    }

    /// <summary>The line for one finished probe, e.g. <c>64 bytes from ::1: icmp_seq=3 ttl=64 time=0.050 ms</c>.</summary>
    public static string Outcome(ProbeOutcome outcome, PingSettings settings)
    {
        var seq = settings.TcpMode ? "tcp_seq" : "icmp_seq";
        var target = settings.TcpMode ? Endpoint(outcome.Target, settings.Port) : outcome.Target.ToString();
        return outcome.Status switch
        {
            ProbeStatus.Reply when settings.TcpMode =>
                Format($"Connected to {target}: {seq}={outcome.Sequence} time={Rtt(outcome.ElapsedMs)} ms"),
            ProbeStatus.Reply =>
                Format($"{outcome.Bytes} bytes from {outcome.From}: {seq}={outcome.Sequence} ttl={Ttl(outcome.Ttl)} time={Rtt(outcome.ElapsedMs)} ms"),
            ProbeStatus.Refused =>
                Format($"Refused by {target} (port closed, host is up): {seq}={outcome.Sequence} time={Rtt(outcome.ElapsedMs)} ms"),
            ProbeStatus.Timeout =>
                Format($"Request timeout for {seq}={outcome.Sequence} (no answer from {target} within {Duration(settings.Timeout)})"),
            _ when outcome.From is not null =>
                Format($"From {outcome.From} {seq}={outcome.Sequence} {outcome.Detail}"),
            _ => Format($"{target}: {seq}={outcome.Sequence} {outcome.Detail}"),
        };
    }

    /// <summary>The closing block of ping: header, counts line, rtt line(s).</summary>
    public static IEnumerable<string> Summary(string host, RttStatistics stats, TimeSpan elapsed, long unanswered)
    {
        yield return Format($"--- {host} ping statistics ---");
        yield return Counts(stats, elapsed, unanswered);
        if (stats.Received > 0)
        {
            yield return Format($"rtt min/avg/max/mdev = {Ms(stats.Min)}/{Ms(stats.Average)}/{Ms(stats.Max)}/{Ms(stats.MeanDeviation)} ms");
            yield return Format($"rtt median/p95 = {Ms(stats.Median)}/{Ms(stats.P95)} ms");
        }
    }

    /// <summary>One-line result summary.</summary>
    public static string ResultLine(string host, RttStatistics stats, TimeSpan elapsed, long unanswered)
    {
        var line = Format($"{host}: {Counts(stats, elapsed, unanswered)}");
        return stats.Received == 0
            ? line
            : Format($"{line}; rtt min/avg/max/mdev = {Ms(stats.Min)}/{Ms(stats.Average)}/{Ms(stats.Max)}/{Ms(stats.MeanDeviation)} ms, median {Ms(stats.Median)} ms, p95 {Ms(stats.P95)} ms");
    }

    /// <summary>Running cumulative statistics, worded like fping -Q N,cumulative.</summary>
    public static string Running(string host, RttStatistics stats)
    {
        var line = Format($"{host} : xmt/rcv/%loss = {stats.Transmitted}/{stats.Received}/{Percent(stats.LossPercent)}%");
        return stats.Received == 0
            ? line
            : Format($"{line}, min/avg/max = {Ms(stats.Min)}/{Ms(stats.Average)}/{Ms(stats.Max)} ms, median/p95 = {Ms(stats.Median)}/{Ms(stats.P95)} ms (cumulative)");
    }

    /// <summary>
    /// iputils' per-reply precision: three decimals below 1 ms, two below 10 ms, one below 100 ms, none above.
    /// </summary>
    public static string Rtt(double ms) => ms switch
    {
        >= 99.95 => ms.ToString("0", Invariant),
        >= 9.995 => ms.ToString("0.0", Invariant),
        >= 1 => ms.ToString("0.00", Invariant),
        _ => ms.ToString("0.000", Invariant),
    };

    /// <summary>Loss percentage as ping prints it (%g: 0, 25, 33.3333, 100).</summary>
    public static string Percent(double value) => value.ToString("0.####", Invariant);

    public static string Endpoint(IPAddress address, int port) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? Format($"[{address}]:{port}")
        : Format($"{address}:{port}");

    public static string Duration(TimeSpan span) => span.TotalSeconds >= 1
        ? Format($"{span.TotalSeconds:0.###} s")
        : Format($"{span.TotalMilliseconds:0.###} ms");

    private static string Counts(RttStatistics stats, TimeSpan elapsed, long unanswered)
    {
        var errors = stats.Errors > 0 ? Format($" +{stats.Errors} errors,") : string.Empty;
        var pending = unanswered > 0 ? Format($" ({unanswered} still unanswered when stopped, not counted)") : string.Empty;
        return Format($"{stats.Transmitted} packets transmitted, {stats.Received} received,{errors} {Percent(stats.LossPercent)}% packet loss, time {elapsed.TotalMilliseconds:0}ms{pending}");
    }

    private static string Ttl(int? ttl) => ttl?.ToString(Invariant) ?? "?";

    private static string Ms(double? value) => value?.ToString("0.000", Invariant) ?? "-";

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
