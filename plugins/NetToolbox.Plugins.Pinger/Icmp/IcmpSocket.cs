using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>
/// An ICMP or ICMPv6 socket: raw when the process may (CAP_NET_RAW), else the kernel's unprivileged
/// "ping" datagram socket (allowed for groups in <c>net.ipv4.ping_group_range</c>).
/// </summary>
/// <remarks>
/// Protocol facts this relies on: a raw IPv4 socket receives every ICMP message with its IP header (TTL at
/// byte 8, header length in the low nibble of byte 0); a raw ICMPv6 socket receives no IPv6 header, and the
/// kernel computes its checksum; a ping socket gets neither header, replaces our identifier with its own
/// and delivers only replies carrying it — ICMP errors go to its error queue, so through one they show as timeouts.
/// </remarks>
internal sealed class IcmpSocket : IDisposable
{
    // <linux/icmp.h> ICMP_FILTER on SOL_RAW, <netinet/icmp6.h> ICMP6_FILTER on IPPROTO_ICMPV6; set bits block a type.
    private const int SolRaw = 255;
    private const int IcmpFilter = 1;
    private const int IpprotoIcmpV6 = 58;
    private const int Icmp6Filter = 1;
    private const int SolIp = 0;
    private const int IpRecvTtl = 12;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvHopLimit = 51;
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35;
    private const int ReceiveBufferBytes = 1 << 20;

    private IcmpSocket(Socket socket, bool isRaw)
    {
        Socket = socket;
        IsRaw = isRaw;
    }

    public Socket Socket { get; }

    /// <summary>True for a raw socket, false for a ping datagram socket.</summary>
    public bool IsRaw { get; }

    public AddressFamily Family => Socket.AddressFamily;

    /// <summary>"raw" or "datagram" — shown in the run's first line.</summary>
    public string Kind => IsRaw ? "raw ICMP socket" : "unprivileged ICMP datagram socket";

    /// <summary>Opens and configures a socket for <paramref name="family"/>; null with a clear message when neither kind is allowed.</summary>
    public static IcmpSocket? TryOpen(AddressFamily family, int? ttl, string? source, ISocketFactory factory, out string? error)
    {
        var protocol = family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        Socket socket;
        var isRaw = true;
        try
        {
            socket = factory.Create(family, SocketType.Raw, protocol);
        }
        catch (SocketException rawError)
        {
            try
            {
                socket = factory.Create(family, SocketType.Dgram, protocol);
                isRaw = false;
            }
            catch (SocketException datagramError)
            {
                error = $"cannot open an {SocketBinding.Describe(family)} ICMP socket: a raw socket needs CAP_NET_RAW ({rawError.Message}), "
                    + $"and an unprivileged ICMP socket is not allowed for this process's group ({datagramError.Message}; see net.ipv4.ping_group_range). "
                    + "Give the host CAP_NET_RAW, widen ping_group_range, or use mode tcp.";
                return null;
            }
        }

        try
        {
            Configure(socket, isRaw, ttl);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            error = $"cannot configure the ICMP socket: {ex.Message}";
            return null;
        }

        if (!SocketBinding.TryApply(socket, source, out error))
        {
            socket.Dispose();
            return null;
        }

        return new IcmpSocket(socket, isRaw);
    }

    /// <summary>Waits for the next datagram and reads it; the ICMP message starts at <see cref="IcmpDatagram.Offset"/>.</summary>
    public async ValueTask<IcmpDatagram?> ReceiveAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        if (!LinuxRecvMsg.IsSupported)
        {
            var any = new IPEndPoint(Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            var result = await Socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            return Frame(buffer, result.ReceivedBytes, ((IPEndPoint)result.RemoteEndPoint).Address, null, null);
        }

        while (true)
        {
            // A zero-byte peek completes when a datagram is waiting, without taking it; recvmsg then reads it with its control messages.
            await Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            if (LinuxRecvMsg.TryReceive(Socket.SafeHandle, buffer, out var length, out var source, out var hopLimit, out var receivedUnixNs) && source is not null)
            {
                return Frame(buffer, length, source, hopLimit, receivedUnixNs);
            }
        }
    }

    public void Dispose() => Socket.Dispose();

    private IcmpDatagram? Frame(byte[] buffer, int length, IPAddress source, int? hopLimit, long? receivedUnixNs)
    {
        if (!IsRaw || Family == AddressFamily.InterNetworkV6)
        {
            return new IcmpDatagram(0, length, source, hopLimit, receivedUnixNs);
        }

        // Raw IPv4: skip the IP header (IHL counts 32-bit words) and read the TTL from it.
        if (length < 20 || buffer[0] >> 4 != 4)
        {
            return null;
        }

        var headerLength = (buffer[0] & 0x0F) * 4;
        return headerLength < 20 || headerLength > length
            ? null
            : new IcmpDatagram(headerLength, length - headerLength, source, buffer[8], receivedUnixNs);
    }

    private static void Configure(Socket socket, bool isRaw, int? ttl)
    {
        socket.ReceiveBufferSize = ReceiveBufferBytes;
        if (ttl is { } hops)
        {
            // IP_TTL for IPv4, IPV6_UNICAST_HOPS for IPv6.
            socket.Ttl = (short)hops;
        }

        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Kernel receive timestamps, as iputils uses, so the RTT does not include our wake-up latency.
        socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));

        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption(SolIpv6, Ipv6RecvHopLimit, BitConverter.GetBytes(1));
            if (isRaw)
            {
                socket.SetRawSocketOption(IpprotoIcmpV6, Icmp6Filter, Icmp6PassFilter());
            }
        }
        else if (isRaw)
        {
            // Pass echo reply (0), destination unreachable (3), time exceeded (11), parameter problem (12).
            var blocked = ~((1u << 0) | (1u << 3) | (1u << 11) | (1u << 12));
            socket.SetRawSocketOption(SolRaw, IcmpFilter, BitConverter.GetBytes(blocked));
        }
        else
        {
            socket.SetRawSocketOption(SolIp, IpRecvTtl, BitConverter.GetBytes(1));
        }
    }

    private static byte[] Icmp6PassFilter()
    {
        // struct icmp6_filter { uint32_t data[8]; }: bit (type & 31) of word (type >> 5); set = blocked.
        var words = new uint[8];
        Array.Fill(words, uint.MaxValue);
        foreach (var type in new[] { 1, 2, 3, 4, 129 })
        {
            words[type >> 5] &= ~(1u << (type & 31));
        }

        var bytes = new byte[32];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}

/// <summary>One received ICMP message inside the receive buffer.</summary>
/// <param name="Offset">Where the ICMP message starts (after a raw IPv4 socket's IP header).</param>
/// <param name="Length">Length of the ICMP message, header included (what ping reports as "bytes").</param>
/// <param name="Source">Who sent it.</param>
/// <param name="Ttl">TTL or hop limit of the reply, when known.</param>
/// <param name="ReceivedUnixNs">Kernel receive time (ns since 1970, CLOCK_REALTIME), when known.</param>
internal sealed record IcmpDatagram(int Offset, int Length, IPAddress Source, int? Ttl, long? ReceivedUnixNs);
