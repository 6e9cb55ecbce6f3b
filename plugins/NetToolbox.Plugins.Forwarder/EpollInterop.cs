using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// The Linux calls behind <see cref="EpollLoop"/>: epoll, eventfd, and the socket calls on raw descriptors that the
/// loop owns outright (accept4, socket, connect, recv, send, shutdown, socket options, close). Every call returns
/// the raw result; on -1 the caller reads <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class EpollInterop
{
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollExclusive = 1u << 28;
    public const uint EpollEdgeTriggered = 1u << 31;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINPROGRESS = 115;
    public const int EMFILE = 24;
    public const int ENFILE = 23;
    public const int ENOBUFS = 105;
    public const int ENOMEM = 12;

    public const int AfUnix = 1;
    public const int AfInet = 2;
    public const int AfInet6 = 10;

    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const int SockStream = 1;
    private const int NonBlock = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int SolSocket = 1;
    private const int SoError = 4;
    private const int SoLinger = 13;
    private const int IpProtoTcp = 6;
    private const int TcpNoDelay = 1;
    private const int ShutWrite = 1;
    private const int MsgNoSignal = 0x4000;

    /// <summary>
    /// Whether the loop can run here: Linux on a 64-bit architecture whose <c>struct epoll_event</c> layout is
    /// known (packed, 12 bytes, on x86-64; naturally aligned, 16 bytes, elsewhere).
    /// </summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Bytes per <c>struct epoll_event</c>.</summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Offset of the 64-bit user data in <c>struct epoll_event</c>.</summary>
    public static readonly int EventDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int CreateEpoll() => EpollCreate1(CloseOnExec);

    public static int CreateEventFd() => EventFd(0, NonBlock | CloseOnExec);

    /// <summary>Registers <paramref name="fd"/> for <paramref name="events"/>, tagged with <paramref name="token"/>.</summary>
    public static int Add(int epoll, int fd, uint events, ulong token)
    {
        var buffer = stackalloc byte[16];
        *(uint*)buffer = events;
        *(ulong*)(buffer + EventDataOffset) = token;
        return EpollCtl(epoll, EpollCtlAdd, fd, buffer);
    }

    public static int Remove(int epoll, int fd) => EpollCtl(epoll, EpollCtlDel, fd, null);

    public static int Wait(int epoll, byte* events, int maxEvents, int timeoutMs) => EpollWait(epoll, events, maxEvents, timeoutMs);

    /// <summary>Accepts one pending connection as a non-blocking, close-on-exec socket; fills the peer address.</summary>
    public static int Accept(int listener, byte* address, int* addressLength) =>
        Accept4(listener, address, addressLength, NonBlock | CloseOnExec);

    /// <summary>A new non-blocking, close-on-exec stream socket of <paramref name="family"/>.</summary>
    public static int CreateStreamSocket(int family) => Socket(family, SockStream | NonBlock | CloseOnExec, 0);

    public static int Connect(int fd, byte* address, int length) => ConnectRaw(fd, address, length);

    /// <summary>The pending error of a socket (0 when none), e.g. the outcome of a non-blocking connect.</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
    }

    public static void SetNoDelay(int fd)
    {
        var on = 1;
        _ = SetSockOpt(fd, IpProtoTcp, TcpNoDelay, &on, sizeof(int));
    }

    /// <summary>Makes the next close send a reset (linger on, zero seconds) instead of an orderly end of stream.</summary>
    public static void SetResetOnClose(int fd)
    {
        var linger = stackalloc int[2] { 1, 0 };
        _ = SetSockOpt(fd, SolSocket, SoLinger, linger, 2 * sizeof(int));
    }

    public static nint Receive(int fd, byte* buffer, int length) => Recv(fd, buffer, (nuint)length, 0);

    public static nint Send(int fd, byte* buffer, int length) => SendRaw(fd, buffer, (nuint)length, MsgNoSignal);

    public static int ShutdownSend(int fd) => Shutdown(fd, ShutWrite);

    public static nint WriteRaw(int fd, byte* buffer, int length) => Write(fd, buffer, (nuint)length);

    public static nint ReadRaw(int fd, byte* buffer, int length) => Read(fd, buffer, (nuint)length);

    /// <summary>Writes to a descriptor another thread may close: the handle keeps it open until the call returns.</summary>
    public static nint Signal(SafeHandle fd, byte* buffer, int length) => WriteHandle(fd, buffer, (nuint)length);

    public static int CloseRaw(int fd) => Close(fd);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, int fd, byte* eventData);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    private static partial int Accept4(int fd, byte* address, int* addressLength, int flags);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int ConnectRaw(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOpt(int fd, int level, int name, void* value, int* length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint SendRaw(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteHandle(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
