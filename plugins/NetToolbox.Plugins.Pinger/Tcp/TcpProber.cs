using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Tcp;

/// <summary>
/// "TCP ping": the time to complete a TCP handshake with host:port. A refusal (RST) counts as an answer —
/// the host is up, only the port is closed — as tcping-style tools and fping-like scanners treat it;
/// the outcome says so. No answer within the timeout is a loss.
/// </summary>
internal sealed class TcpProber : IProber
{
    private readonly int _port;
    private readonly int? _ttl;
    private readonly string? _source;
    private readonly TimeSpan _timeout;
    private readonly ISocketFactory _sockets;
    private readonly TimeProvider _time;

    private TcpProber(int port, int? ttl, string? source, TimeSpan timeout, ISocketFactory sockets, TimeProvider time)
    {
        _port = port;
        _ttl = ttl;
        _source = source;
        _timeout = timeout;
        _sockets = sockets;
        _time = time;
    }

    public string Kind => "TCP connect";

    /// <summary>Checks once that sockets of <paramref name="family"/> can be opened and bound as asked.</summary>
    public static TcpProber? TryOpen(AddressFamily family, int port, int? ttl, string? source, TimeSpan timeout, ISocketFactory sockets, TimeProvider time, out string? error)
    {
        var prober = new TcpProber(port, ttl, source, timeout, sockets, time);
        try
        {
            using var trial = prober.Open(family, out error);
            return trial is null ? null : prober;
        }
        catch (SocketException ex)
        {
            error = $"cannot open a TCP socket: {ex.Message}";
            return null;
        }
    }

    public async Task<ProbeOutcome> ProbeAsync(IPAddress target, int sequence, CancellationToken cancellationToken)
    {
        Socket? opened;
        string? error;
        try
        {
            opened = Open(target.AddressFamily, out error);
        }
        catch (SocketException ex)
        {
            opened = null;
            error = "socket: " + ex.Message;
        }

        if (opened is null)
        {
            return new ProbeOutcome(ProbeStatus.Error, target, sequence, 0, Detail: error);
        }

        using var socket = opened;

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var started = _time.GetTimestamp();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, _port), linked.Token).ConfigureAwait(false);
            return new ProbeOutcome(ProbeStatus.Reply, target, sequence, Elapsed(started), target, Detail: "open");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new ProbeOutcome(ProbeStatus.Refused, target, sequence, Elapsed(started), target, Detail: "port closed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(ProbeStatus.Timeout, target, sequence, _timeout.TotalMilliseconds);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            return new ProbeOutcome(ProbeStatus.Timeout, target, sequence, _timeout.TotalMilliseconds);
        }
        catch (SocketException ex)
        {
            // Host/network unreachable (often an ICMP error from a router, or a failed neighbour lookup).
            return new ProbeOutcome(ProbeStatus.Error, target, sequence, Elapsed(started), Detail: ex.Message);
        }
    }

    public void Dispose()
    {
    }

    private Socket? Open(AddressFamily family, out string? error)
    {
        var socket = _sockets.Create(family, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        if (_ttl is { } hops)
        {
            socket.Ttl = (short)hops;
        }

        if (!SocketBinding.TryApply(socket, _source, out error))
        {
            socket.Dispose();
            return null;
        }

        return socket;
    }

    private double Elapsed(long started) => _time.GetElapsedTime(started).TotalMilliseconds;
}
