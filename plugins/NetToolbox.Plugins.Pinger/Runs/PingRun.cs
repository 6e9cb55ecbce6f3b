using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Statistics;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>
/// Pings one host: a probe every interval (not waiting for the previous answer, like ping), each answered
/// or lost within the timeout, running statistics every statsEvery, and ping's summary at the end — also
/// when cancelled, as ping prints its statistics on Ctrl+C.
/// </summary>
internal sealed class PingRun(PingSettings settings, IToolContext context, ISocketFactory sockets, HostResolver resolver)
{
    private readonly string _host = settings.Host!;

    public async IAsyncEnumerable<ToolEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (address, resolveError) = await resolver.ResolveAsync(_host, settings.Family, cancellationToken).ConfigureAwait(false);
        if (address is null)
        {
            yield return Fail("ping: " + resolveError);
            yield break;
        }

        var decision = context.Destinations.CheckConnect(new IPEndPoint(address, settings.TcpMode ? settings.Port : 0));
        if (!decision.Allowed)
        {
            yield return Fail($"ping {address}: not allowed: {decision.Reason}");
            yield break;
        }

        using var prober = ProberFactory.TryOpen(settings, address.AddressFamily, sockets, context.Time, context.Logger, out var openError);
        if (prober is null)
        {
            yield return Fail("ping: " + openError);
            yield break;
        }

        PingerLog.Started(context.Logger, context.RunId, _host, address, prober.Kind);
        yield return new LogEvent(LogEventLevel.Info, PingText.Header(settings, _host, address, prober.Kind));

        var stats = new RttStatistics();
        var messages = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var started = context.Time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = new PingSender(prober, address, settings, context.Time);
        var sending = sender.RunAsync(messages.Writer, stop.Token);
        var ticking = TickAsync(messages.Writer, stop.Token);
        try
        {
            // Reads until the sender completes the channel: after the last answer, or promptly once cancelled.
            await foreach (var message in messages.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (message is ProbeOutcome outcome)
                {
                    Count(stats, outcome);
                    if (outcome.Status is ProbeStatus.Reply or ProbeStatus.Refused)
                    {
                        context.Metrics.Record("rtt", outcome.ElapsedMs, "ms", ("mode", settings.TcpMode ? "tcp" : "icmp"));
                    }

                    foreach (var item in PingEvents.ForOutcome(outcome, settings))
                    {
                        yield return item;
                    }
                }
                else
                {
                    yield return new LogEvent(LogEventLevel.Info, PingText.Running(address.ToString(), stats));
                    yield return PingEvents.StatsRow(address.ToString(), stats);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(sending, ticking).ConfigureAwait(false);
        }

        var elapsed = context.Time.GetElapsedTime(started);
        var unanswered = Math.Max(0, sender.Sent - stats.Transmitted);
        foreach (var line in PingText.Summary(_host, stats, elapsed, unanswered))
        {
            yield return new LogEvent(LogEventLevel.Info, line);
        }

        yield return PingEvents.StatsRow(address.ToString(), stats);
        yield return new ResultEvent(
            stats.Received > 0,
            PingText.ResultLine(_host, stats, elapsed, unanswered),
            PingEvents.StatsData(_host, address.ToString(), settings, stats, elapsed, unanswered));
    }

    private static void Count(RttStatistics stats, ProbeOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ProbeStatus.Reply:
            case ProbeStatus.Refused:
                stats.AddReply(outcome.ElapsedMs);
                break;
            case ProbeStatus.Timeout:
                stats.AddLoss();
                break;
            default:
                stats.AddError();
                break;
        }
    }

    private async Task TickAsync(ChannelWriter<object> writer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.StatsEvery, context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                writer.TryWrite(StatsTick.Instance);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ResultEvent Fail(string message)
    {
        PingerLog.CannotStart(context.Logger, context.RunId, message);
        return new ResultEvent(false, message, new() { ["host"] = _host, ["error"] = message });
    }

    /// <summary>Marker: time to report running statistics.</summary>
    private sealed class StatsTick
    {
        public static StatsTick Instance { get; } = new();
    }
}
