using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// One accepted client: connects to the target, relays both directions at once with correct half-close, and
/// closes both sockets with a reason. Counters and state are read by <see cref="StatsPublisher"/>; the data
/// path itself raises no events. Runs as its own thread-pool work item so the accept loop never waits on it.
/// </summary>
internal sealed class RelayConnection : IThreadPoolWorkItem
{
    private readonly Socket _client;
    private readonly TargetConnector _connector;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stop;
    private readonly Action<RelayConnection> _ended;
    private readonly PipePool? _pipes;
    private readonly Lock _gate = new();
    private Socket? _target;
    private bool _closing;
    private int _state;
    private string? _closeReason;
    private string? _firstEndOfStream;
    private string? _remote;
    private long _endedAt;
    private int _directionsLeft;
    private ValueTask<PumpEnd> _upPump;
    private ValueTask<PumpEnd> _downPump;

    // pipes: for zero-copy splice on Linux; null relays through a user-space buffer.
    public RelayConnection(
        long id, Socket client, TargetConnector connector, TimeProvider time, PipePool? pipes, Action<RelayConnection> ended, CancellationToken stop)
    {
        _pipes = pipes;
        Id = id;
        _client = client;
        _connector = connector;
        _time = time;
        _stop = stop;
        _ended = ended;
        StartedAt = time.GetTimestamp();
        Client = EndpointResolver.Format(client.RemoteEndPoint);
    }

    public long Id { get; }

    /// <summary>The client's address as text.</summary>
    public string Client { get; }

    /// <summary>The target address actually connected to, once connected.</summary>
    public string? Remote => Volatile.Read(ref _remote);

    /// <summary>Bytes relayed client → target.</summary>
    public ByteCounter Up { get; } = new();

    /// <summary>Bytes relayed target → client.</summary>
    public ByteCounter Down { get; } = new();

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    /// <summary>Why the connection closed; final once <see cref="State"/> is <see cref="ConnectionState.Closed"/>.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>When the connection was accepted (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt { get; }

    /// <summary>Seconds since accept, or the whole lifetime once closed.</summary>
    public double DurationSeconds
    {
        get
        {
            var ended = Volatile.Read(ref _endedAt);
            return _time.GetElapsedTime(StartedAt, ended == 0 ? _time.GetTimestamp() : ended).TotalSeconds;
        }
    }

    /// <summary>Bookkeeping owned by the publisher thread alone (what was last reported, idle tracking).</summary>
    public PublishedView Published { get; } = new();

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    /// <summary>
    /// Closes both sockets with <paramref name="reason"/> (unless a reason was already set). With
    /// <paramref name="reset"/>, both peers get a TCP reset instead of an orderly end of stream.
    /// </summary>
    public void Abort(string reason, bool reset)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        lock (_gate)
        {
            _closing = true;
            CloseSocket(_client, reset);
            if (_target is { } target)
            {
                CloseSocket(target, reset);
            }
        }
    }

    private async Task RunAsync()
    {
        var relaying = false;
        try
        {
            var outcome = await _connector.ConnectAsync(_stop);
            if (outcome.Socket is not { } target)
            {
                Interlocked.CompareExchange(ref _closeReason, outcome.Failure, null);
                return;
            }

            lock (_gate)
            {
                _target = target;
                if (_closing)
                {
                    return;
                }
            }

            Volatile.Write(ref _remote, EndpointResolver.Format(outcome.Remote));
            Interlocked.CompareExchange(ref _state, (int)ConnectionState.Open, (int)ConnectionState.Connecting);

            // From here on the two directions own the connection: whichever ends last finishes it. This method
            // returns, so an idle connection holds no state machine of its own, only its two waiting pumps.
            _directionsLeft = 2;
            StartDirection(fromClient: true);
            StartDirection(fromClient: false);
            relaying = true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not expected (socket failures are values); still, one connection's bug must not take down the run.
            Interlocked.CompareExchange(ref _closeReason, "error: " + ex.Message, null);
        }
        finally
        {
            if (!relaying)
            {
                Finish();
            }
        }
    }

    private void StartDirection(bool fromClient)
    {
        var (source, destination, counter) = fromClient ? (_client, _target!, Up) : (_target!, _client, Down);
        var pump = _pipes is null
            ? SocketPump.CopyAsync(source, destination, counter)
            : SplicePump.CopyAsync(source, destination, counter, _pipes);
        if (pump.IsCompleted)
        {
            DirectionEnded(pump, fromClient);
            return;
        }

        if (fromClient)
        {
            _upPump = pump;
            pump.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(UpEnded);
        }
        else
        {
            _downPump = pump;
            pump.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(DownEnded);
        }
    }

    private void UpEnded() => DirectionEnded(_upPump, fromClient: true);

    private void DownEnded() => DirectionEnded(_downPump, fromClient: false);

    private void DirectionEnded(ValueTask<PumpEnd> pump, bool fromClient)
    {
        PumpEnd end;
        try
        {
            end = pump.Result;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.CompareExchange(ref _closeReason, "error: " + ex.Message, null);
            end = new PumpEnd(PumpEndKind.Aborted);
        }

        var destination = fromClient ? _target! : _client;
        switch (end.Kind)
        {
            case PumpEndKind.SourceClosed:
                // Half-close: pass the end of stream on and keep relaying the other direction until it ends too.
                Interlocked.CompareExchange(ref _firstEndOfStream, fromClient ? CloseReasons.ClosedByClient : CloseReasons.ClosedByTarget, null);
                Interlocked.CompareExchange(ref _state, (int)ConnectionState.HalfClosed, (int)ConnectionState.Open);
                try
                {
                    destination.Shutdown(SocketShutdown.Send);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The destination is already gone; its own direction reports why.
                }

                break;
            case PumpEndKind.SourceFailed:
                Abort(CloseReasons.ForRelayError(clientSide: fromClient, end.Error), reset: true);
                break;
            case PumpEndKind.DestinationFailed:
                Abort(CloseReasons.ForRelayError(clientSide: !fromClient, end.Error), reset: true);
                break;
            default:
                break;
        }

        if (Interlocked.Decrement(ref _directionsLeft) == 0)
        {
            Interlocked.CompareExchange(ref _closeReason, _firstEndOfStream, null);
            Finish();
        }
    }

    private void Finish()
    {
        Abort(CloseReasons.Stopped, reset: false);
        Volatile.Write(ref _endedAt, _time.GetTimestamp());
        Volatile.Write(ref _state, (int)ConnectionState.Closed);
        _ended(this);
    }

    private static void CloseSocket(Socket socket, bool reset)
    {
        try
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
