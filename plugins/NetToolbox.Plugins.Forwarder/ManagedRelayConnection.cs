using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// The portable engine's connection: connects to the target, relays both directions at once with correct
/// half-close (each direction an awaited pump, splice on Linux or a pooled user-space buffer), and closes both
/// sockets with a reason. Runs as its own thread-pool work item so the accept loop never waits on it.
/// </summary>
internal sealed class ManagedRelayConnection : RelayConnection, IThreadPoolWorkItem
{
    private readonly Socket _client;
    private readonly TargetConnector _connector;
    private readonly CancellationToken _stop;
    private readonly Action<RelayConnection> _ended;
    private readonly PipePool? _pipes;
    private readonly Lock _gate = new();
    private Socket? _target;
    private bool _closing;
    private string? _firstEndOfStream;
    private int _directionsLeft;
    private ValueTask<PumpEnd> _upPump;
    private ValueTask<PumpEnd> _downPump;

    // pipes: for zero-copy splice on Linux; null relays through a user-space buffer.
    public ManagedRelayConnection(
        long id, Socket client, TargetConnector connector, TimeProvider time, PipePool? pipes, Action<RelayConnection> ended, CancellationToken stop)
        : base(id, EndpointResolver.Format(client.RemoteEndPoint), time)
    {
        _pipes = pipes;
        _client = client;
        _connector = connector;
        _stop = stop;
        _ended = ended;
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    /// <inheritdoc />
    public override void Abort(string reason, bool reset)
    {
        OfferCloseReason(reason);
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
                OfferCloseReason(outcome.Failure);
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

            MarkOpen(EndpointResolver.Format(outcome.Remote));

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
            OfferCloseReason("error: " + ex.Message);
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
            OfferCloseReason("error: " + ex.Message);
            end = new PumpEnd(PumpEndKind.Aborted);
        }

        var destination = fromClient ? _target! : _client;
        switch (end.Kind)
        {
            case PumpEndKind.SourceClosed:
                // Half-close: pass the end of stream on and keep relaying the other direction until it ends too.
                Interlocked.CompareExchange(ref _firstEndOfStream, fromClient ? CloseReasons.ClosedByClient : CloseReasons.ClosedByTarget, null);
                MarkHalfClosed();
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
            OfferCloseReason(_firstEndOfStream);
            Finish();
        }
    }

    private void Finish()
    {
        Abort(CloseReasons.Stopped, reset: false);
        MarkClosed();
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
