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
    private readonly PipePool? _pipes = SpliceEnabled() ? new PipePool() : null;
    private int _running;
    private volatile bool _stopping;

    public ForwardingSession(ForwarderOptions options, ForwardListener listener, IToolContext context, ChannelWriter<ToolEvent> events)
    {
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
        var accepting = AcceptLoopAsync(stop);
        await publisher.RunAsync(stop);

        _stopping = true;
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
                var reason = CloseReasons.Describe(ex.SocketErrorCode);
                ForwarderLog.AcceptFailed(_context.Logger, _context.RunId, reason);
                _events.TryWrite(new LogEvent(LogEventLevel.Error, "accept failed: " + reason));
                await PauseAsync(stop);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref _running) > _options.MaxConnections)
            {
                // Over the limit: accept and close at once, so the client sees an orderly end of stream, not a hang.
                Interlocked.Decrement(ref _running);
                _counters.RefuseOverLimit();
                client.Dispose();
                continue;
            }

            TrySetNoDelay(client);

            var connection = new RelayConnection(_counters.NextConnection(), client, _connector, _context.Time, _pipes, _onEnded, stop);
            _connections[connection.Id] = connection;
            ThreadPool.UnsafeQueueUserWorkItem(connection, preferLocal: false);
        }
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

    /// <summary>
    /// Splice on Linux unless <c>NETTOOLBOX_FORWARDER_SPLICE=0</c> asks for the user-space copy (for comparison).
    /// </summary>
    private static bool SpliceEnabled() =>
        SpliceInterop.IsSupported && Environment.GetEnvironmentVariable("NETTOOLBOX_FORWARDER_SPLICE") != "0";

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

    private void OnConnectionEnded(RelayConnection connection)
    {
        if (Interlocked.Decrement(ref _running) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }
}
