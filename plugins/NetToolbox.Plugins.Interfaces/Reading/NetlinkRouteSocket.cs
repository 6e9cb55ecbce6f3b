using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// A NETLINK_ROUTE socket that runs dump requests (RTM_GETLINK, RTM_GETADDR) and collects the replies.
/// The socket belongs to the network namespace of the thread that opened it, so a reader running on a
/// thread that called setns(2) sees that namespace's interfaces.
/// </summary>
internal sealed class NetlinkRouteSocket : IDisposable
{
    private const int HeaderLength = 16;
    private const ushort MessageError = 2;
    private const ushort MessageDone = 3;
    private const ushort FlagRequest = 0x1;
    private const ushort FlagDump = 0x300;

    /// <summary>NLM_F_DUMP_INTR: the kernel's table changed while it was dumping, so the dump may be inconsistent.</summary>
    private const ushort FlagDumpInterrupted = 0x10;

    /// <summary>
    /// Kernel dump buffers are at most 32 KiB (iproute2 reads with 32 KiB); twice that leaves room for
    /// large links (many VFs) and MSG_TRUNC still tells us if a message did not fit.
    /// </summary>
    private const int ReceiveBufferLength = 64 * 1024;

    /// <summary>The kernel answers a dump at once; a silent socket for this long means something is badly wrong.</summary>
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(2);

    private readonly LinuxInterop.SafeFileDescriptor _fd;
    private readonly byte[] _buffer = new byte[ReceiveBufferLength];
    private uint _sequence;

    private NetlinkRouteSocket(LinuxInterop.SafeFileDescriptor fd) => _fd = fd;

    /// <summary>The descriptor, for ioctls that must run in the same namespace (SIOCETHTOOL).</summary>
    public LinuxInterop.SafeFileDescriptor Descriptor => _fd;

    public static unsafe NetlinkRouteSocket Open()
    {
        var fd = LinuxInterop.Socket(LinuxInterop.AfNetlink, LinuxInterop.SockRaw | LinuxInterop.SockCloexec, LinuxInterop.NetlinkRoute);
        if (fd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new NetlinkException("socket(AF_NETLINK, NETLINK_ROUTE)", errno);
        }

        // struct timeval { long tv_sec; long tv_usec; } on 64-bit Linux.
        var timeout = stackalloc long[2];
        timeout[0] = (long)ReceiveTimeout.TotalSeconds;
        timeout[1] = 0;
        if (LinuxInterop.SetSocketOption(fd, LinuxInterop.SolSocket, LinuxInterop.SoRcvtimeo, timeout, 2 * sizeof(long)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new NetlinkException("setsockopt(SO_RCVTIMEO)", errno);
        }

        return new NetlinkRouteSocket(fd);
    }

    /// <summary>Sends a dump request of <paramref name="requestType"/> with <paramref name="body"/> and returns every reply message.</summary>
    public NetlinkDump Dump(ushort requestType, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var sequence = ++_sequence;
        SendRequest(requestType, body, sequence);

        var messages = new List<NetlinkMessage>();
        var interrupted = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = ReceiveDatagram();
            var offset = 0;
            while (offset + HeaderLength <= received)
            {
                var header = _buffer.AsSpan(offset, HeaderLength);
                var length = (int)MemoryMarshal.Read<uint>(header);
                var type = MemoryMarshal.Read<ushort>(header[4..]);
                var flags = MemoryMarshal.Read<ushort>(header[6..]);
                var messageSequence = MemoryMarshal.Read<uint>(header[8..]);
                if (length < HeaderLength || offset + length > received)
                {
                    throw new NetlinkException($"malformed netlink message (length {length} at offset {offset} of {received})");
                }

                var payload = _buffer.AsSpan(offset + HeaderLength, length - HeaderLength);
                offset += Align(length);
                if (messageSequence != sequence)
                {
                    continue; // not an answer to this request
                }

                interrupted |= (flags & FlagDumpInterrupted) != 0;
                switch (type)
                {
                    case MessageDone:
                        return new NetlinkDump(messages, interrupted);
                    case MessageError:
                        var error = payload.Length >= 4 ? -MemoryMarshal.Read<int>(payload) : 0;
                        if (error != 0)
                        {
                            throw new NetlinkException($"netlink request {requestType}", error);
                        }

                        return new NetlinkDump(messages, interrupted);
                    default:
                        messages.Add(new NetlinkMessage(type, payload.ToArray()));
                        break;
                }
            }
        }
    }

    public void Dispose() => _fd.Dispose();

    private static int Align(int length) => (length + 3) & ~3;

    private unsafe void SendRequest(ushort requestType, ReadOnlySpan<byte> body, uint sequence)
    {
        var length = HeaderLength + Align(body.Length);
        Span<byte> request = stackalloc byte[length];
        request.Clear();
        MemoryMarshal.Write(request, (uint)length);
        MemoryMarshal.Write(request[4..], requestType);
        MemoryMarshal.Write(request[6..], (ushort)(FlagRequest | FlagDump));
        MemoryMarshal.Write(request[8..], sequence);
        body.CopyTo(request[HeaderLength..]);

        fixed (byte* pointer = request)
        {
            while (true)
            {
                // No destination address: an unconnected netlink socket sends to the kernel (port id 0).
                var sent = LinuxInterop.Send(_fd, pointer, length, 0);
                if (sent == length)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (sent < 0 && errno == LinuxInterop.Eintr)
                {
                    continue;
                }

                throw new NetlinkException("send(netlink request)", sent < 0 ? errno : 0);
            }
        }
    }

    private unsafe int ReceiveDatagram()
    {
        fixed (byte* pointer = _buffer)
        {
            while (true)
            {
                // MSG_TRUNC makes recv return the datagram's real length, so a too-small buffer is detected.
                var received = LinuxInterop.Receive(_fd, pointer, _buffer.Length, LinuxInterop.MsgTrunc);
                if (received > _buffer.Length)
                {
                    throw new NetlinkException($"netlink reply of {received} bytes exceeds the {_buffer.Length}-byte buffer");
                }

                if (received >= 0)
                {
                    return (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxInterop.Eintr)
                {
                    continue;
                }

                throw errno == LinuxInterop.Eagain
                    ? new NetlinkException($"the kernel did not answer the netlink dump within {ReceiveTimeout.TotalSeconds:0} s")
                    : new NetlinkException("recv(netlink)", errno);
            }
        }
    }
}
