using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>
/// <c>recvmsg(2)</c>, for what <see cref="Socket.ReceiveFrom(byte[], ref EndPoint)"/> cannot give: the TTL
/// (<c>IP_TTL</c>) and IPv6 hop limit (<c>IPV6_HOPLIMIT</c>) control messages of each reply, and the kernel's
/// receive timestamp (<c>SCM_TIMESTAMPNS</c>), which keeps user-space wake-up latency out of the RTT. The layouts
/// below are those of 64-bit Linux (LP64), the only place <see cref="IsSupported"/> is true.
/// </summary>
internal static unsafe partial class LinuxRecvMsg
{
    private const int MsgDontWait = 0x40;
    private const int SolIp = 0;
    private const int IpTtl = 2;
    private const int SolIpv6 = 41;
    private const int Ipv6HopLimit = 52;
    private const int SolSocket = 1;
    private const int ScmTimestampNs = 35;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;
    private const int EIntr = 4;
    private const int EAgain = 11;
    private const int NameCapacity = 32;
    private const int ControlCapacity = 128;
    private const int ControlHeaderLength = 16;

    /// <summary>True on 64-bit Linux.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Reads one waiting datagram without blocking. False when none was waiting. Throws
    /// <see cref="IOException"/> with the system's message for a real error.
    /// </summary>
    /// <param name="socket">The socket to read.</param>
    /// <param name="buffer">Where the datagram goes.</param>
    /// <param name="length">Bytes received.</param>
    /// <param name="source">The sender.</param>
    /// <param name="hopLimit">TTL / hop limit when the socket asked for it.</param>
    /// <param name="receivedUnixNs">Kernel receive time (CLOCK_REALTIME, ns since 1970) when the socket asked for it.</param>
    public static bool TryReceive(SafeSocketHandle socket, Span<byte> buffer, out int length, out IPAddress? source, out int? hopLimit, out long? receivedUnixNs)
    {
        length = 0;
        source = null;
        hopLimit = null;
        receivedUnixNs = null;
        var name = stackalloc byte[NameCapacity];
        var control = stackalloc byte[ControlCapacity];
        fixed (byte* data = buffer)
        {
            var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
            var message = new MessageHeader
            {
                Name = name,
                NameLength = NameCapacity,
                Vector = &vector,
                VectorLength = 1,
                Control = control,
                ControlLength = ControlCapacity,
            };

            nint received;
            int errno;
            do
            {
                received = RecvMsg(socket, &message, MsgDontWait);
                errno = received < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
            while (received < 0 && errno == EIntr);

            if (received < 0)
            {
                return errno == EAgain ? false : throw new IOException($"recvmsg: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            length = (int)received;
            source = ReadAddress(name, (int)message.NameLength);
            ReadControl(control, (int)message.ControlLength, out hopLimit, out receivedUnixNs);
            return true;
        }
    }

    private static IPAddress? ReadAddress(byte* name, int length)
    {
        var family = *(ushort*)name;
        if (family == AfInet && length >= 8)
        {
            return new IPAddress(new ReadOnlySpan<byte>(name + 4, 4));
        }

        if (family == AfInet6 && length >= 28)
        {
            return new IPAddress(new ReadOnlySpan<byte>(name + 8, 16), *(uint*)(name + 24));
        }

        return null;
    }

    private static void ReadControl(byte* control, int length, out int? hopLimit, out long? receivedUnixNs)
    {
        hopLimit = null;
        receivedUnixNs = null;

        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then data, each entry 8-byte aligned.
        var offset = 0;
        while (offset + ControlHeaderLength <= length)
        {
            var entryLength = (int)*(nuint*)(control + offset);
            var level = *(int*)(control + offset + 8);
            var type = *(int*)(control + offset + 12);
            if (entryLength < ControlHeaderLength || offset + entryLength > length)
            {
                break;
            }

            var data = control + offset + ControlHeaderLength;
            var dataLength = entryLength - ControlHeaderLength;
            if (((level == SolIp && type == IpTtl) || (level == SolIpv6 && type == Ipv6HopLimit)) && dataLength >= sizeof(int))
            {
                hopLimit = *(int*)data;
            }
            else if (level == SolSocket && type == ScmTimestampNs && dataLength >= 2 * sizeof(long))
            {
                // struct timespec { time_t tv_sec; long tv_nsec; }
                receivedUnixNs = (*(long*)data * 1_000_000_000L) + *(long*)(data + sizeof(long));
            }

            offset += (entryLength + 7) & ~7;
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint RecvMsg(SafeSocketHandle socket, MessageHeader* message, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public byte* Name;
        public uint NameLength;
        public IoVector* Vector;
        public nuint VectorLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
