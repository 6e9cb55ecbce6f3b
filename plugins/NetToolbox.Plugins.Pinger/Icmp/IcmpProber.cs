using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>
/// Echo requests over one ICMP socket, any number in flight. A single receive loop hands each answer to
/// the probe waiting for it, matched by identifier (raw sockets only: a ping socket's kernel already did),
/// sequence number, and the address it came from — so replies to other processes, late replies, and
/// replies from other hosts (broadcast, spoofed) are ignored.
/// </summary>
internal sealed class IcmpProber : IProber
{
    private const int ReceiveBufferLength = 65536 + 60;

    private readonly IcmpSocket _socket;
    private readonly ConcurrentDictionary<ushort, PendingEcho> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly int _payloadSize;

    public IcmpProber(IcmpSocket socket, int payloadSize, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _payloadSize = payloadSize;
        _timeout = timeout;
        _time = time;
        _logger = logger;

        // Random, like dotnet/runtime's Ping: two runs at once rarely share one, and a clash is caught by the sequence and address checks too.
        Identifier = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The echo identifier of this run's requests.</summary>
    public ushort Identifier { get; }

    public string Kind => _socket.Kind;

    public async Task<ProbeOutcome> ProbeAsync(IPAddress target, int sequence, CancellationToken cancellationToken)
    {
        var wireSequence = (ushort)sequence;
        var packet = IcmpMessage.BuildEchoRequest(_socket.Family, Identifier, wireSequence, _payloadSize);
        var pending = new PendingEcho(target, sequence, _time.GetTimestamp(), UnixNanoseconds(_time.GetUtcNow()));
        if (!_pending.TryAdd(wireSequence, pending))
        {
            return new ProbeOutcome(ProbeStatus.Error, target, sequence, 0, Detail: "sequence number still in flight");
        }

        try
        {
            try
            {
                await _socket.Socket.SendToAsync(packet, SocketFlags.None, new IPEndPoint(target, 0), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                // E.g. "Network is unreachable" when no route exists: an error of this probe, not of the run.
                return new ProbeOutcome(ProbeStatus.Error, target, sequence, ElapsedMs(pending.SentAt), Detail: "sendto: " + ex.Message);
            }

            try
            {
                return await pending.Completion.Task.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new ProbeOutcome(ProbeStatus.Timeout, target, sequence, _timeout.TotalMilliseconds);
            }
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<ushort, PendingEcho>(wireSequence, pending));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[ReceiveBufferLength];
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            IcmpDatagram? datagram;
            try
            {
                datagram = await _socket.ReceiveAsync(buffer, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }

                PingerLog.ReceiveFailed(_logger, ex.Message);
                continue;
            }

            var receivedAt = _time.GetTimestamp();
            if (datagram is not null)
            {
                Dispatch(buffer.AsSpan(datagram.Offset, datagram.Length), datagram, receivedAt);
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> icmp, IcmpDatagram datagram, long receivedAt)
    {
        if (!IcmpMessage.TryParse(icmp, _socket.Family, out var answer)
            || (_socket.IsRaw && answer.Identifier != Identifier)
            || !_pending.TryGetValue(answer.Sequence, out var pending))
        {
            return;
        }

        var elapsed = RoundTripMs(pending, datagram, receivedAt);
        if (answer.IsError)
        {
            // Errors come from a router; what must match is where our quoted request was going.
            if (answer.QuotedDestination is not null && SameAddress(answer.QuotedDestination, pending.Target))
            {
                pending.Completion.TrySetResult(new ProbeOutcome(
                    ProbeStatus.Error, pending.Target, pending.Sequence, elapsed, datagram.Source, datagram.Length, datagram.Ttl, answer.Error));
            }

            return;
        }

        if (SameAddress(datagram.Source, pending.Target))
        {
            pending.Completion.TrySetResult(new ProbeOutcome(
                ProbeStatus.Reply, pending.Target, pending.Sequence, elapsed, datagram.Source, datagram.Length, datagram.Ttl));
        }
    }

    /// <summary>Address equality ignoring the IPv6 scope id, which the kernel may or may not report.</summary>
    private static bool SameAddress(IPAddress a, IPAddress b)
    {
        if (a.AddressFamily != b.AddressFamily)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        return a.TryWriteBytes(left, out var leftLength)
            && b.TryWriteBytes(right, out var rightLength)
            && left[..leftLength].SequenceEqual(right[..rightLength]);
    }

    private double ElapsedMs(long since) => _time.GetElapsedTime(since).TotalMilliseconds;

    /// <summary>
    /// The RTT from the kernel's receive timestamp when it is consistent (it can only be earlier than our own
    /// wake-up), else from the monotonic clock — e.g. when the wall clock was stepped mid-probe.
    /// </summary>
    private double RoundTripMs(PendingEcho pending, IcmpDatagram datagram, long receivedAt)
    {
        var monotonic = _time.GetElapsedTime(pending.SentAt, receivedAt).TotalMilliseconds;
        if (datagram.ReceivedUnixNs is { } received)
        {
            var kernel = (received - pending.SentUnixNs) / 1e6;
            if (kernel >= 0 && kernel <= monotonic)
            {
                return kernel;
            }
        }

        return monotonic;
    }

    private static long UnixNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private sealed class PendingEcho(IPAddress target, int sequence, long sentAt, long sentUnixNs)
    {
        public IPAddress Target { get; } = target;

        public int Sequence { get; } = sequence;

        public long SentAt { get; } = sentAt;

        public long SentUnixNs { get; } = sentUnixNs;

        public TaskCompletionSource<ProbeOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
