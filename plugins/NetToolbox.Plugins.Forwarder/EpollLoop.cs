using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// One event-loop thread of the <see cref="EpollEngine"/>: it accepts from the shared listener, connects its
/// connections to the target and relays them, all without leaving the thread (no thread-pool hop, no task, no
/// allocation per message). Both sockets of a connection are registered once, edge-triggered, for reading and
/// writing; a readable source gives its direction a turn of the <see cref="RelayPump"/>, a writable destination
/// resumes a direction that was waiting on it. Only this thread touches the descriptors: other threads post
/// commands (abort, adopt, resolved addresses, stop accepting) and wake it through an eventfd.
/// </summary>
/// <remarks>
/// The hot methods are compiled fully optimized on first use (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// a relay should run at full speed from its first connection, not after the JIT's tiering has caught up.
/// </remarks>
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    // Accepts per listener event. The listener is level-triggered, so the loop comes back while more are queued;
    // a small batch keeps a burst of connects from delaying the events of connections already relayed.
    private const int AcceptBatch = 8;
    private const long AcceptPauseMs = 50;
    private const ulong WakeToken = ulong.MaxValue;
    private const ulong ListenerToken = ulong.MaxValue - 1;
    private const uint RelayEvents = EpollInterop.EpollIn | EpollInterop.EpollOut | EpollInterop.EpollRdHup | EpollInterop.EpollEdgeTriggered;
    private const uint HangUp = EpollInterop.EpollRdHup | EpollInterop.EpollHup | EpollInterop.EpollErr;

    private readonly EpollEngine _engine;
    private readonly int _epoll;
    // Other threads write to the wake eventfd; as a SafeHandle it cannot be closed (and its number reused) mid-write.
    private readonly SafeFileHandle _wake;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<LoopCommand> _commands = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RelayPump _pump = new();
    private readonly List<EpollRelay?> _slots = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly EpollDialer _dialer;
    private readonly Queue<EpollRelay> _ready = new();
    private uint _epoch;
    private int _listener = -1;
    private long _listenerPausedUntil;
    private volatile bool _stopping;
    private bool _started;
    private int _active;

    private EpollLoop(EpollEngine engine, int epoll, int wake, int index)
    {
        _engine = engine;
        _epoll = epoll;
        _wake = new SafeFileHandle(wake, ownsHandle: true);
        _thread = new Thread(Run) { IsBackground = true, Name = $"forwarder epoll {index}" };
        _dialer = new EpollDialer(engine.Connector, WatchTarget, Connected, (relay, reason) => Close(relay, reason, reset: false));
    }

    /// <summary>Creates the loop's epoll and wake descriptors; null (with errno) when the kernel refuses.</summary>
    public static EpollLoop? TryCreate(EpollEngine engine, int index, out int errno)
    {
        errno = 0;
        var epoll = EpollInterop.CreateEpoll();
        if (epoll < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        var wake = EpollInterop.CreateEventFd();
        if (wake < 0 || EpollInterop.Add(epoll, wake, EpollInterop.EpollIn | EpollInterop.EpollEdgeTriggered, WakeToken) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (wake >= 0)
            {
                _ = EpollInterop.CloseRaw(wake);
            }

            _ = EpollInterop.CloseRaw(epoll);
            return null;
        }

        return new EpollLoop(engine, epoll, wake, index);
    }

    /// <summary>Starts the thread; from now on it accepts from <paramref name="listener"/>.</summary>
    public void Start(int listener)
    {
        _listener = listener;
        _started = true;
        _thread.Start();
    }

    /// <summary>Connections this loop relays (or is about to adopt).</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Asks the loop to close <paramref name="relay"/> (reason and kind are on the relay).</summary>
    public void PostAbort(EpollRelay relay) => Post(new LoopCommand(CommandKind.Abort, relay, null, null, null));

    /// <summary>Hands the loop the resolved addresses of a host-name target (or why there are none).</summary>
    public void PostConnect(EpollRelay relay, IReadOnlyList<EndPoint> candidates, string? failure) =>
        Post(new LoopCommand(CommandKind.Connect, relay, candidates, failure, null));

    /// <summary>Stops accepting (the listener is no longer touched by this loop once the task completes).</summary>
    public Task StopAcceptingAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new LoopCommand(CommandKind.StopAccepting, null, null, null, done));

        // A loop that already ended (it failed) never reads the command, and no longer accepts either.
        return Task.WhenAny(done.Task, _exited.Task);
    }

    /// <summary>Ends the loop once the session has closed its connections; closes whatever is left.</summary>
    public Task StopAsync()
    {
        _stopping = true;
        Wake();
        return _exited.Task;
    }

    /// <summary>Stops a running loop, or releases the descriptors of one that never started.</summary>
    public void Dispose()
    {
        if (_started)
        {
            _ = StopAsync();
            return;
        }

        _wake.Dispose();
        _ = EpollInterop.CloseRaw(_epoll);
        _pump.Dispose();
    }

    private void Post(LoopCommand command)
    {
        _commands.Enqueue(command);
        Wake();
    }

    private void Wake()
    {
        var one = 1UL;
        try
        {
            _ = EpollInterop.Signal(_wake, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The loop has ended: nothing left to wake (a late abort or resolved address has nothing to act on).
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EpollInterop.EventSize));
        try
        {
            _ = EpollInterop.Add(_epoll, _listener, EpollInterop.EpollIn | EpollInterop.EpollExclusive, ListenerToken);
            while (!_stopping)
            {
                var count = EpollInterop.Wait(_epoll, events, MaxEvents, NextTimeout());
                if (count < 0 && Marshal.GetLastPInvokeError() != EpollInterop.EINTR)
                {
                    _engine.LoopFailed("epoll_wait failed: errno " + Marshal.GetLastPInvokeError());
                    break;
                }

                for (var i = 0; i < count; i++)
                {
                    var entry = events + (i * EpollInterop.EventSize);
                    var token = *(ulong*)(entry + EpollInterop.EventDataOffset);
                    try
                    {
                        Dispatch(token, *(uint*)entry);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // Not expected (failures are values); still, one connection's bug must not end the others.
                        if (Find(token) is { } relay)
                        {
                            Close(relay, "error: " + ex.Message, reset: true);
                        }
                    }
                }

                RunCommands();
                RunReady();
                CheckTimers();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _engine.LoopFailed("forwarder loop failed: " + ex.Message);
        }
        finally
        {
            NativeMemory.Free(events);
            Shutdown();
            _exited.TrySetResult();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NextTimeout()
    {
        if (_ready.Count > 0 || !_commands.IsEmpty)
        {
            return 0;
        }

        var next = _dialer.NextDeadline;

        if (_listenerPausedUntil != 0)
        {
            next = Math.Min(next, _listenerPausedUntil);
        }

        return next == long.MaxValue ? -1 : (int)Math.Clamp(next - Environment.TickCount64, 0, int.MaxValue);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(ulong token, uint events)
    {
        if (token == WakeToken)
        {
            ulong drained;
            _ = EpollInterop.ReadRaw((int)_wake.DangerousGetHandle(), (byte*)&drained, sizeof(ulong));
            return;
        }

        if (token == ListenerToken)
        {
            AcceptPending();
            return;
        }

        var fromTarget = (token & 1) != 0;
        if (Find(token) is not { } relay)
        {
            return; // an event of a connection (or connect attempt) that ended earlier in this batch
        }

        if (!relay.Relaying)
        {
            if (!fromTarget)
            {
                // Still connecting: remember what the client's edge said, to act on it once connected.
                relay.UpDirection.SourceHungUp |= (events & HangUp) != 0;
                relay.ClientReadable |= (events & (EpollInterop.EpollIn | HangUp)) != 0;
                return;
            }

            if ((events & (EpollInterop.EpollOut | EpollInterop.EpollErr | EpollInterop.EpollHup)) != 0)
            {
                _dialer.Completed(relay, hungUp: (events & (EpollInterop.EpollErr | EpollInterop.EpollHup)) != 0);
            }

            if (!relay.Relaying || relay.Closed)
            {
                return;
            }
        }

        // A readable source feeds its outgoing direction; a writable destination resumes a direction waiting on it.
        ref var outgoing = ref fromTarget ? ref relay.DownDirection : ref relay.UpDirection;
        ref var incoming = ref fromTarget ? ref relay.UpDirection : ref relay.DownDirection;
        if ((events & HangUp) != 0)
        {
            outgoing.SourceHungUp = true;
        }

        if ((events & (EpollInterop.EpollIn | HangUp)) != 0 && !outgoing.WaitingWritable)
        {
            Turn(relay, upstream: !fromTarget);
        }

        if ((events & (EpollInterop.EpollOut | EpollInterop.EpollErr | EpollInterop.EpollHup)) != 0 && incoming.WaitingWritable && !relay.Closed)
        {
            Turn(relay, upstream: fromTarget);
        }
    }

    /// <summary>The open connection an event token names, or null when it has ended since (or names no connection).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private EpollRelay? Find(ulong token)
    {
        var slot = (int)((uint)token >> 1);
        return token < ListenerToken && slot < _slots.Count && _slots[slot] is { } relay
            && ((token & 1) != 0 ? relay.Epoch : relay.ClientEpoch) == (uint)(token >> 32) && !relay.Closed
            ? relay
            : null;
    }

    /// <summary>Pumps one direction for a turn; queues the relay for another turn when it is still busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Turn(EpollRelay relay, bool upstream)
    {
        if (Pump(relay, upstream) && !relay.Queued)
        {
            relay.Queued = true;
            _ready.Enqueue(relay);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunReady()
    {
        for (var n = _ready.Count; n > 0 && _ready.TryDequeue(out var relay); n--)
        {
            relay.Queued = false;
            if (relay.Closed)
            {
                continue;
            }

            var again = Pump(relay, upstream: true);
            again |= !relay.Closed && Pump(relay, upstream: false);
            if (again && !relay.Closed)
            {
                relay.Queued = true;
                _ready.Enqueue(relay);
            }
        }
    }

    /// <summary>
    /// Gives one direction a turn; true when it stopped only because the turn was used up. Passes the end of
    /// stream on, and closes the connection on an error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Pump(EpollRelay relay, bool upstream)
    {
        ref var direction = ref upstream ? ref relay.UpDirection : ref relay.DownDirection;
        if (direction.Done || relay.Closed)
        {
            return false;
        }

        var (source, destination) = upstream ? (relay.ClientFd, relay.TargetFd) : (relay.TargetFd, relay.ClientFd);
        switch (_pump.Turn(ref direction, source, destination, upstream ? relay.Up : relay.Down, out var errno))
        {
            case TurnEnd.Busy:
                return true;
            case TurnEnd.EndOfStream:
                EndOfStream(relay, upstream);
                return false;
            case TurnEnd.SourceFailed:
                Fail(relay, clientSide: upstream, errno);
                return false;
            case TurnEnd.DestinationFailed:
                Fail(relay, clientSide: !upstream, errno);
                return false;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndOfStream(EpollRelay relay, bool upstream)
    {
        ref var direction = ref upstream ? ref relay.UpDirection : ref relay.DownDirection;
        direction.Done = true;
        relay.HalfClose(upstream ? CloseReasons.ClosedByClient : CloseReasons.ClosedByTarget);
        if (relay.UpDirection.Done && relay.DownDirection.Done)
        {
            // Both ends are finished: closing sends the last end of stream, no separate shutdown needed.
            Close(relay, relay.FirstEndOfStream, reset: false);
            return;
        }

        _ = EpollInterop.ShutdownSend(upstream ? relay.TargetFd : relay.ClientFd);
    }

    private void Fail(EpollRelay relay, bool clientSide, int errno)
    {
        if (errno == Errno.EBADF)
        {
            Close(relay, CloseReasons.Stopped, reset: false);
            return;
        }

        Close(relay, CloseReasons.ForRelayError(clientSide, Errno.ToSocketError(errno)), reset: true);
    }

    // --- accepting ------------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AcceptPending()
    {
        var address = stackalloc byte[128];
        for (var i = 0; i < AcceptBatch && _listener >= 0; i++)
        {
            var length = 128;
            var fd = EpollInterop.Accept(_listener, address, &length);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is EpollInterop.EINTR or 103) // ECONNABORTED: the client gave up while queued
                {
                    continue;
                }

                if (errno is EpollInterop.EMFILE or EpollInterop.ENFILE or EpollInterop.ENOBUFS or EpollInterop.ENOMEM)
                {
                    // Out of descriptors or memory: stop listening here briefly instead of spinning on the queue.
                    _ = EpollInterop.Remove(_epoll, _listener);
                    _listenerPausedUntil = Environment.TickCount64 + AcceptPauseMs;
                    _engine.AcceptFailed(CloseReasons.Describe(errno is EpollInterop.EMFILE or EpollInterop.ENFILE
                        ? SocketError.TooManyOpenSockets
                        : SocketError.NoBufferSpaceAvailable));
                }

                return; // EAGAIN: the queue is empty; anything else: the listener was closed (stopping)
            }

            if (!_engine.TryAdmit())
            {
                _ = EpollInterop.CloseRaw(fd);
                continue;
            }

            // The kernel hands a burst of connects to whichever loop it woke; the least busy loop relays each one.
            var owner = _engine.LeastBusy(this);
            EpollRelay relay;
            try
            {
                relay = new EpollRelay(_engine.NextId(), fd, EndpointResolver.FormatNative(address, length), _engine.Time, owner);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing owns the socket yet: close it and give its place back, so the fault costs this client only.
                _ = EpollInterop.CloseRaw(fd);
                _engine.ReleaseAdmission();
                _engine.AcceptFailed("error: " + ex.Message);
                continue;
            }

            Interlocked.Increment(ref owner._active);
            _engine.Track(relay);
            if (owner == this)
            {
                AdoptContained(relay);
            }
            else
            {
                owner.Post(new LoopCommand(CommandKind.Adopt, relay, null, null, null));
            }
        }
    }

    /// <summary>Adopts <paramref name="relay"/>; an unexpected exception closes that connection only.</summary>
    private void AdoptContained(EpollRelay relay)
    {
        try
        {
            Adopt(relay);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Close(relay, "error: " + ex.Message, reset: true);
        }
    }

    /// <summary>Takes an accepted connection into this loop and starts connecting it to the target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Adopt(EpollRelay relay)
    {
        relay.Slot = TakeSlot(relay);

        // Watched from the start, so the client's first bytes and the target's connect arrive in one batch of events.
        relay.ClientEpoch = ++_epoch;
        if (EpollInterop.Add(_epoll, relay.ClientFd, RelayEvents, Token(relay, target: false)) != 0)
        {
            Close(relay, "error: cannot watch the client socket (errno " + Marshal.GetLastPInvokeError() + ")", reset: true);
            return;
        }

        if (_engine.Connector.IsLiteral)
        {
            _dialer.Start(relay, _engine.Connector.LiteralCandidates, null);
        }
        else
        {
            _engine.ResolveInBackground(relay, this);
        }
    }

    private int TakeSlot(EpollRelay relay)
    {
        if (_freeSlots.TryPop(out var slot))
        {
            _slots[slot] = relay;
            return slot;
        }

        _slots.Add(relay);
        return _slots.Count - 1;
    }

    /// <summary>Registers a connecting target socket under a new tag (stale events of an earlier attempt are ignored); 0 or errno.</summary>
    private int WatchTarget(EpollRelay relay, int fd)
    {
        relay.Epoch = ++_epoch;
        return EpollInterop.Add(_epoll, fd, RelayEvents, Token(relay, target: true)) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>The target connected (the dialer has marked the relay open): relay what the client sent meanwhile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Connected(EpollRelay relay)
    {
        if (relay.ClientReadable)
        {
            // The client's bytes (or its end of stream) arrived while connecting; their event has been consumed.
            Turn(relay, upstream: true);
        }
    }

    private void StopAccepting()
    {
        if (_listener >= 0 && _listenerPausedUntil == 0)
        {
            _ = EpollInterop.Remove(_epoll, _listener);
        }

        _listener = -1;
        _listenerPausedUntil = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckTimers()
    {
        var now = Environment.TickCount64;
        if (_listenerPausedUntil != 0 && now >= _listenerPausedUntil && _listener >= 0)
        {
            _listenerPausedUntil = 0;
            _ = EpollInterop.Add(_epoll, _listener, EpollInterop.EpollIn | EpollInterop.EpollExclusive, ListenerToken);
        }

        _dialer.ExpireDue(now);
    }

    // --- commands and closing -------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                Execute(command);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && command.Relay is not null)
            {
                // As for events: a command's unexpected exception closes its connection, not the loop.
                Close(command.Relay, "error: " + ex.Message, reset: true);
            }
        }
    }

    private void Execute(LoopCommand command)
    {
        switch (command.Kind)
        {
            case CommandKind.Abort:
                Close(command.Relay!, command.Relay!.AbortReason, command.Relay.AbortReset);
                break;
            case CommandKind.Connect:
                _dialer.Start(command.Relay!, command.Candidates!, command.Failure);
                break;
            case CommandKind.Adopt:
                Adopt(command.Relay!);
                break;
            default:
                StopAccepting();
                command.Done!.TrySetResult();
                break;
        }
    }

    /// <summary>Closes both sockets (with a reset when asked), frees the pipes and the slot, and reports the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Close(EpollRelay relay, string? reason, bool reset)
    {
        if (relay.Closed)
        {
            return;
        }

        relay.Closed = true;
        if (!relay.Relaying)
        {
            _dialer.Forget(relay);
        }

        CloseSocket(ref relay.ClientFd, reset);
        CloseSocket(ref relay.TargetFd, reset);
        _pump.Drop(ref relay.UpDirection);
        _pump.Drop(ref relay.DownDirection);
        if (relay.Slot >= 0)
        {
            _slots[relay.Slot] = null;
            _freeSlots.Push(relay.Slot);
        }

        Interlocked.Decrement(ref _active);
        try
        {
            relay.Finish(reason);
        }
        finally
        {
            // Whatever happens, the connection's place under maxConnections is given back.
            _engine.Ended(relay);
        }
    }

    private static void CloseSocket(ref int fd, bool reset)
    {
        if (fd < 0)
        {
            return;
        }

        if (reset)
        {
            EpollInterop.SetResetOnClose(fd);
        }

        _ = EpollInterop.CloseRaw(fd);
        fd = -1;
    }

    private void Shutdown()
    {
        RunCommands();
        foreach (var relay in _slots)
        {
            if (relay is not null)
            {
                Close(relay, CloseReasons.Stopped, reset: false);
            }
        }

        _wake.Dispose();
        _ = EpollInterop.CloseRaw(_epoll);
        _pump.Dispose();
    }

    private static ulong Token(EpollRelay relay, bool target) =>
        ((ulong)(target ? relay.Epoch : relay.ClientEpoch) << 32) | ((uint)relay.Slot << 1) | (target ? 1u : 0u);

    private enum CommandKind
    {
        Abort,
        Adopt,
        Connect,
        StopAccepting,
    }

    /// <summary>Work handed to the loop from other threads.</summary>
    private readonly record struct LoopCommand(
        CommandKind Kind, EpollRelay? Relay, IReadOnlyList<EndPoint>? Candidates, string? Failure, TaskCompletionSource? Done);
}
