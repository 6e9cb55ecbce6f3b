using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// One forwarder run after the listener is bound: the accept loop, the live connections, the stats publisher,
/// and the orderly stop (listener closed, every connection closed, totals reported).
/// </summary>
internal sealed class ForwardingSession
{
    // Cancellation should end a run within 200 ms; closing sockets is immediate, this bounds a pathological straggler.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AcceptErrorPause = TimeSpan.FromMilliseconds(50);

    private readonly ForwarderOptions _options;
    private readonly ForwardListener _listener;
    private readonly TargetConnector _connector;
    private readonly IToolContext _context;
    private readonly ChannelWriter<ToolEvent> _events;
    private readonly ConcurrentDictionary<long, RelayConnection> _connections = new();
    private readonly SessionCounters _counters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<RelayConnection> _onEnded;
    private readonly RelayEngineKind _engineKind;
    private PipePool? _pipes;
    private int _running;
    private volatile bool _stopping;

    public ForwardingSession(
        ForwarderOptions options, ForwardListener listener, IToolContext context, ChannelWriter<ToolEvent> events, RelayEngineKind engine)
    {
        _engineKind = engine;
        _options = options;
        _listener = listener;
        _context = context;
        _events = events;
        _connector = new TargetConnector(options.Target, options.ConnectTimeout, context.Destinations, context.Time);
        _onEnded = OnConnectionEnded;
    }

    /// <summary>Relays until <paramref name="stop"/> is cancelled, then closes everything and reports totals.</summary>
    public async Task RunAsync(string listenText, CancellationToken stop)
    {
        var publisher = new StatsPublisher(_options, _connections, _counters, _events, _context.Time, _context.Metrics);
        var engine = StartEngine(stop);
        var accepting = engine is null ? AcceptLoopAsync(stop) : Task.CompletedTask;
        await publisher.RunAsync(stop);

        _stopping = true;
        if (engine is not null)
        {
            await engine.StopAcceptingAsync();
        }

        _listener.Dispose();
        await accepting;
        foreach (var connection in _connections.Values)
        {
            connection.Abort(CloseReasons.Stopped, reset: false);
        }

        if (Volatile.Read(ref _running) == 0)
        {
            _drained.TrySetResult();
        }

        try
        {
            await _drained.Task.WaitAsync(DrainTimeout, _context.Time, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            ForwarderLog.DrainTimedOut(_context.Logger, _context.RunId, Volatile.Read(ref _running), DrainTimeout);
        }

        if (engine is not null)
        {
            await engine.StopAsync();
        }

        _pipes?.Dispose();
        var (up, down) = publisher.Finish(listenText, _options.Target.ToString());
        ForwarderLog.Stopped(_context.Logger, _context.RunId, _counters.Accepted, up, down);
    }

    private async Task AcceptLoopAsync(CancellationToken stop)
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = await _listener.Socket.AcceptAsync(CancellationToken.None);
            }
            catch (Exception ex) when (_stopping && ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // E.g. out of file descriptors: report, pause briefly so the loop does not spin, keep listening.
                ReportAcceptFailure(CloseReasons.Describe(ex.SocketErrorCode));
                await PauseAsync(stop);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (!TryAdmit())
            {
                client.Dispose();
                continue;
            }

            TrySetNoDelay(client);

            var connection = new ManagedRelayConnection(NextConnectionId(), client, _connector, _context.Time, _pipes, _onEnded, stop);
            Track(connection);
            ThreadPool.UnsafeQueueUserWorkItem(connection, preferLocal: false);
        }
    }

    /// <summary>
    /// Counts a new connection against the limit. False when over it (counted as refused: the caller closes the
    /// socket at once, so the client sees an orderly end of stream, not a hang) or when the session is stopping.
    /// </summary>
    public bool TryAdmit()
    {
        if (_stopping)
        {
            return false;
        }

        if (Interlocked.Increment(ref _running) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _running);
            _counters.RefuseOverLimit();
            return false;
        }

        return true;
    }

    public long NextConnectionId() => _counters.NextConnection();

    /// <summary>Adds an admitted connection to the table the publisher reports from.</summary>
    public void Track(RelayConnection connection) => _connections[connection.Id] = connection;

    public void ReportAcceptFailure(string reason)
    {
        ForwarderLog.AcceptFailed(_context.Logger, _context.RunId, reason);
        _events.TryWrite(new LogEvent(LogEventLevel.Error, "accept failed: " + reason));
    }

    public void ReportEngineFailure(string problem)
    {
        ForwarderLog.EngineFailed(_context.Logger, _context.RunId, problem);
        _events.TryWrite(new LogEvent(LogEventLevel.Error, problem));
    }

    /// <summary>
    /// The epoll engine when asked for (or by default) and available; null for the portable accept loop, which
    /// splices on Linux unless <c>NETTOOLBOX_FORWARDER_SPLICE=0</c> asks for the user-space copy.
    /// </summary>
    private EpollEngine? StartEngine(CancellationToken stop)
    {
        var spliceAllowed = Environment.GetEnvironmentVariable("NETTOOLBOX_FORWARDER_SPLICE") != "0";
        if (_engineKind != RelayEngineKind.Managed && spliceAllowed && EpollEngine.IsSupported)
        {
            var engine = EpollEngine.TryStart(this, _listener, _connector, _context.Time, stop, out var problem);
            var chosen = engine is null ? "managed, epoll refused: " + problem : "epoll, one loop per processor";
            ForwarderLog.Engine(_context.Logger, _context.RunId, chosen);
            if (engine is not null)
            {
                return engine;
            }
        }

        _pipes = spliceAllowed && SpliceInterop.IsSupported ? new PipePool() : null;
        var managed = _pipes is null ? "managed (user-space copy)" : "managed (splice)";
        ForwarderLog.Engine(_context.Logger, _context.RunId, managed);
        return null;
    }

    private async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(AcceptErrorPause, _context.Time, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop condition ends it.
        }
    }

    private static void TrySetNoDelay(Socket client)
    {
        if (client.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            try
            {
                client.NoDelay = true;
            }
            catch (SocketException)
            {
                // The client already went away; the relay reports it.
            }
        }
    }

    /// <summary>A connection closed for good: the drain on stop waits for the count to reach zero.</summary>
    public void OnConnectionEnded(RelayConnection connection) => ReleaseAdmission();

    /// <summary>One admitted connection is gone (ended, or never relayed): its place under maxConnections is free.</summary>
    public void ReleaseAdmission()
    {
        if (Interlocked.Decrement(ref _running) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }
}
