using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Turns the connections' counters into events on one loop, so the data path never raises an event. Every tick
/// (at most 100 ms) it reports state changes (new, open, closed) as rows and log lines; every stats interval it
/// also reports the byte counts of open connections that changed, throughput and the open-connection count (as samples, and as the metrics bytes and connections.open).
/// A connection that opens and closes within one tick costs one row. It also enforces the idle timeout.
/// </summary>
internal sealed class StatsPublisher(
    ForwarderOptions options,
    ConcurrentDictionary<long, RelayConnection> connections,
    SessionCounters counters,
    ChannelWriter<ToolEvent> events,
    TimeProvider time,
    IToolMetrics metrics)
{
    // A burst of thousands of connections a second must not flood the run's backlog with lines; the table has them all.
    private const int MaxLogLinesPerTick = 20;
    private static readonly TimeSpan MaxTick = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _tick = options.StatsInterval < MaxTick ? options.StatsInterval : MaxTick;
    private readonly long _startedAt = time.GetTimestamp();
    private long _lastStatsAt = time.GetTimestamp();
    private long _lastStatsBytes;
    private long _reportedOpen;
    private long _reportedRefusals;
    private long _closedUp;
    private long _closedDown;
    private long _failedConnects;

    /// <summary>Publishes on every tick until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Publish(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the session calls Finish once every connection is closed.
        }
    }

    /// <summary>Publishes the last rows and samples, then a log line and a result with the run's totals.</summary>
    public (long Up, long Down) Finish(string listen, string target)
    {
        var (up, down) = Publish(final: true);
        var accepted = counters.Accepted;
        var refused = counters.RefusedOverLimit;
        var seconds = time.GetElapsedTime(_startedAt).TotalSeconds;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Stopped after {seconds:0.#} s: {accepted} connection(s) relayed ({_failedConnects} could not reach the target, "
            + $"{refused} refused over the limit), {ConnectionRows.FormatBytes(up)} up, {ConnectionRows.FormatBytes(down)} down");
        events.TryWrite(new LogEvent(LogEventLevel.Info, summary));
        events.TryWrite(new ResultEvent(true, summary, new()
        {
            ["listen"] = listen,
            ["target"] = target,
            ["connections"] = accepted,
            ["failedConnects"] = _failedConnects,
            ["refusedOverLimit"] = refused,
            ["bytesUp"] = up,
            ["bytesDown"] = down,
            ["seconds"] = Math.Round(seconds, 3),
        }));
        return (up, down);
    }

    /// <summary>One tick; returns the run's byte totals (client → target, target → client).</summary>
    private (long Up, long Down) Publish(bool final)
    {
        var now = time.GetTimestamp();
        var statsDue = final || time.GetElapsedTime(_lastStatsAt, now) >= options.StatsInterval - (_tick / 2);
        var lines = new LogBudget(events);
        long openUp = 0, openDown = 0;
        var open = 0;
        foreach (var (id, connection) in connections)
        {
            var view = connection.Published;
            var state = connection.State;
            if (!view.Announced)
            {
                view.Announced = true;
                lines.Accepted(connection);
            }

            var up = connection.Up.Value;
            var down = connection.Down.Value;
            if (state == ConnectionState.Closed)
            {
                events.TryWrite(ConnectionRows.Connection(connection, state, up, down));
                lines.Closed(connection, up, down);
                _closedUp += up;
                _closedDown += down;
                _failedConnects += connection.Remote is null ? 1 : 0;
                connections.TryRemove(id, out _);
                continue;
            }

            open++;
            openUp += up;
            openDown += down;
            if (state != view.State || (statsDue && (up != view.Up || down != view.Down)))
            {
                view.State = state;
                view.Up = up;
                view.Down = down;
                events.TryWrite(ConnectionRows.Connection(connection, state, up, down));
            }

            CheckIdle(connection, state, up + down, now);
        }

        var refusals = counters.RefusedOverLimit;
        if (refusals != _reportedRefusals)
        {
            events.TryWrite(new LogEvent(LogEventLevel.Warning, string.Create(CultureInfo.InvariantCulture,
                $"refused {refusals - _reportedRefusals} connection(s): limit of {options.MaxConnections} open connections reached")));
            _reportedRefusals = refusals;
        }

        lines.Flush();
        var totalUp = _closedUp + openUp;
        var totalDown = _closedDown + openDown;
        if (statsDue)
        {
            var seconds = time.GetElapsedTime(_lastStatsAt, now).TotalSeconds;
            var bytes = totalUp + totalDown;
            events.TryWrite(new SampleEvent("throughput", seconds > 0 ? (bytes - _lastStatsBytes) * 8 / seconds : 0, "bit/s"));
            events.TryWrite(new SampleEvent("connections", open, "connections"));
            metrics.Count("bytes", Math.Max(0, bytes - _lastStatsBytes), "By");
            metrics.Adjust("connections.open", open - _reportedOpen, "{connection}");
            _reportedOpen = open;
            _lastStatsAt = now;
            _lastStatsBytes = bytes;
        }

        return (totalUp, totalDown);
    }

    private void CheckIdle(RelayConnection connection, ConnectionState state, long total, long now)
    {
        if (options.IdleTimeout <= TimeSpan.Zero || state is not (ConnectionState.Open or ConnectionState.HalfClosed))
        {
            return;
        }

        var view = connection.Published;
        if (total != view.SeenTotal)
        {
            view.SeenTotal = total;
            view.LastActivity = now;
        }
        else if (time.GetElapsedTime(view.LastActivity, now) >= options.IdleTimeout)
        {
            connection.Abort(CloseReasons.IdleTimeout, reset: false);
        }
    }

    /// <summary>Log lines for accepts and closes, at most <see cref="MaxLogLinesPerTick"/> per tick plus a summary.</summary>
    private struct LogBudget(ChannelWriter<ToolEvent> events)
    {
        private int _written;
        private int _skippedAccepts;
        private int _skippedCloses;

        public void Accepted(RelayConnection connection)
        {
            if (_written++ < MaxLogLinesPerTick)
            {
                events.TryWrite(new LogEvent(LogEventLevel.Info, string.Create(CultureInfo.InvariantCulture,
                    $"#{connection.Id} accepted from {connection.Client}")));
            }
            else
            {
                _skippedAccepts++;
            }
        }

        public void Closed(RelayConnection connection, long up, long down)
        {
            if (_written++ >= MaxLogLinesPerTick)
            {
                _skippedCloses++;
                return;
            }

            var reason = connection.CloseReason;
            var normal = reason is CloseReasons.ClosedByClient or CloseReasons.ClosedByTarget or CloseReasons.Stopped or CloseReasons.IdleTimeout;
            var text = connection.Remote is null
                ? string.Create(CultureInfo.InvariantCulture, $"#{connection.Id} could not reach the target: {reason}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"#{connection.Id} {reason} after {connection.DurationSeconds:0.###} s: {ConnectionRows.FormatBytes(up)} up, {ConnectionRows.FormatBytes(down)} down");
            events.TryWrite(new LogEvent(normal ? LogEventLevel.Info : LogEventLevel.Warning, text));
        }

        public readonly void Flush()
        {
            if (_skippedAccepts + _skippedCloses > 0)
            {
                events.TryWrite(new LogEvent(LogEventLevel.Info, string.Create(CultureInfo.InvariantCulture,
                    $"… {_skippedAccepts} more accepted and {_skippedCloses} more closed connection(s) not logged; see the connections table")));
            }
        }
    }
}
