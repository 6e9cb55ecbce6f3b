using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Connects the relays of one <see cref="EpollLoop"/> to the target, on the loop's thread: a non-blocking connect
/// to each candidate address in order (each checked against the destination policy first, each bounded by the
/// connect timeout), moving on to the next address when one fails, until one connects or none is left. The loop
/// registers the target socket (<c>watch</c>), reports its writable or failed edge (<see cref="Completed"/>),
/// and learns the outcome through <c>connected</c> or <c>failed</c>.
/// </summary>
internal sealed unsafe class EpollDialer(
    TargetConnector connector,
    Func<EpollRelay, int, int> watch,
    Action<EpollRelay> connected,
    Action<EpollRelay, string> failed)
{
    private readonly List<EpollRelay> _pending = [];

    /// <summary>The earliest deadline of a connect in progress (<see cref="Environment.TickCount64"/>), or <see cref="long.MaxValue"/>.</summary>
    public long NextDeadline
    {
        get
        {
            var next = long.MaxValue;
            foreach (var relay in _pending)
            {
                next = Math.Min(next, relay.ConnectDeadline);
            }

            return next;
        }
    }

    /// <summary>Starts connecting <paramref name="relay"/> to the first of <paramref name="candidates"/>, or fails it with <paramref name="failure"/>.</summary>
    public void Start(EpollRelay relay, IReadOnlyList<EndPoint> candidates, string? failure)
    {
        if (relay.Closed)
        {
            return;
        }

        if (failure is { Length: > 0 })
        {
            failed(relay, failure);
            return;
        }

        relay.Candidates = candidates;
        relay.NextCandidate = 0;
        TryNextCandidate(relay);
    }

    /// <summary>The target socket's connect ended: writable alone means connected; an error or hang-up says why not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Completed(EpollRelay relay, bool hungUp)
    {
        var error = hungUp ? EpollInterop.PendingError(relay.TargetFd) : 0;
        _pending.Remove(relay);
        if (error == 0 && hungUp)
        {
            error = 104; // hung up without a pending error: the target reset the connection at once
        }

        if (error == 0)
        {
            Open(relay);
            return;
        }

        relay.LastFailure = CloseReasons.Describe(Errno.ToSocketError(error));
        CloseTarget(relay);
        TryNextCandidate(relay);
    }

    /// <summary>Moves every connect whose deadline has passed on to the next address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ExpireDue(long now)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            var relay = _pending[i];
            if (now >= relay.ConnectDeadline)
            {
                _pending.RemoveAt(i);
                relay.LastFailure = CloseReasons.Timeout;
                CloseTarget(relay);
                TryNextCandidate(relay);
            }
        }
    }

    /// <summary>The relay closed while connecting: its deadline no longer counts.</summary>
    public void Forget(EpollRelay relay) => _pending.Remove(relay);

    /// <summary>Starts a non-blocking connect to the next allowed address; fails the relay when none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TryNextCandidate(EpollRelay relay)
    {
        var candidates = relay.Candidates!;
        while (relay.NextCandidate < candidates.Count)
        {
            var endpoint = candidates[relay.NextCandidate++];
            if (connector.Check(endpoint) is { } denied)
            {
                relay.LastFailure = denied;
                continue;
            }

            var address = endpoint.Serialize();
            var native = address.Buffer.Span;
            var family = BinaryPrimitives.ReadUInt16LittleEndian(native);
            var fd = EpollInterop.CreateStreamSocket(family);
            if (fd < 0)
            {
                relay.LastFailure = CloseReasons.Describe(Errno.ToSocketError(Marshal.GetLastPInvokeError()));
                continue;
            }

            if (family is EpollInterop.AfInet or EpollInterop.AfInet6)
            {
                EpollInterop.SetNoDelay(fd);
            }

            int result;
            fixed (byte* bytes = native)
            {
                result = EpollInterop.Connect(fd, bytes, address.Size);
            }

            var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            if (result != 0 && errno != EpollInterop.EINPROGRESS)
            {
                _ = EpollInterop.CloseRaw(fd);
                relay.LastFailure = errno == EpollInterop.EAGAIN ? "target busy (listen queue full)" : CloseReasons.Describe(Errno.ToSocketError(errno));
                continue;
            }

            relay.TargetFd = fd;
            relay.TargetEndPoint = endpoint;
            if (watch(relay, fd) is not 0 and var watchErrno)
            {
                relay.LastFailure = CloseReasons.Describe(Errno.ToSocketError(watchErrno));
                CloseTarget(relay);
                continue;
            }

            if (result == 0)
            {
                Open(relay); // Unix sockets connect at once
            }
            else
            {
                relay.ConnectDeadline = Environment.TickCount64 + (long)connector.Timeout.TotalMilliseconds;
                _pending.Add(relay);
            }

            return;
        }

        failed(relay, relay.LastFailure ?? "no address to connect to");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Open(EpollRelay relay)
    {
        relay.Relaying = true;
        relay.Open(connector.LiteralCandidates is [var literal] && ReferenceEquals(relay.TargetEndPoint, literal)
            ? connector.LiteralText
            : EndpointResolver.Format(relay.TargetEndPoint));
        connected(relay);
    }

    private static void CloseTarget(EpollRelay relay)
    {
        if (relay.TargetFd >= 0)
        {
            _ = EpollInterop.CloseRaw(relay.TargetFd);
            relay.TargetFd = -1;
        }
    }
}
