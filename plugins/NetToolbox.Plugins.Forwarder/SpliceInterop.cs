using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// The Linux calls behind <see cref="SplicePump"/>: splice(2) between a socket and a pipe, pipe2(2), and read/close
/// for the pipe. Sockets are passed as <see cref="SafeHandle"/> so a socket closed concurrently (stop, reset) keeps
/// its descriptor number until the call returns and can never be confused with a newly opened one.
/// </summary>
internal static partial class SpliceInterop
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINVAL = 22;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;

    /// <summary>Move pages instead of copying where possible; do not block on the pipe.</summary>
    public const uint MoveNonBlock = 1 | 2; // SPLICE_F_MOVE | SPLICE_F_NONBLOCK

    private const int ONonBlock = 0x800;
    private const int OCloexec = 0x80000;
    private const int FSetPipeSize = 1031;

    /// <summary>Whether splice can be used at all (Linux only).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Socket → pipe.</summary>
    public static nint SpliceFromSocket(SafeHandle socket, int pipeWrite, int length) =>
        Splice(socket, 0, pipeWrite, 0, (nuint)length, MoveNonBlock);

    /// <summary>Pipe → socket.</summary>
    public static nint SpliceToSocket(int pipeRead, SafeHandle socket, int length) =>
        SpliceOut(pipeRead, 0, socket, 0, (nuint)length, MoveNonBlock);

    /// <summary>Socket or pipe → pipe or socket on raw descriptors, for a caller that owns them outright (the epoll loop).</summary>
    public static nint SpliceRaw(int from, int to, int length) => SpliceFds(from, 0, to, 0, (nuint)length, MoveNonBlock);

    /// <summary>A non-blocking, close-on-exec pipe of about <paramref name="size"/> bytes, or false with errno.</summary>
    public static unsafe bool TryCreatePipe(int size, out int readEnd, out int writeEnd)
    {
        var fds = stackalloc int[2];
        if (Pipe2(fds, ONonBlock | OCloexec) != 0)
        {
            readEnd = writeEnd = -1;
            return false;
        }

        readEnd = fds[0];
        writeEnd = fds[1];
        _ = Fcntl(writeEnd, FSetPipeSize, size); // best effort: the default 64 KiB works too
        return true;
    }

    /// <summary>Reads what is left in a pipe into <paramref name="buffer"/>.</summary>
    public static unsafe nint ReadPipe(int pipeRead, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return Read(pipeRead, p, (nuint)buffer.Length);
        }
    }

    public static void ClosePipe(int readEnd, int writeEnd)
    {
        _ = Close(readEnd);
        _ = Close(writeEnd);
    }

    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static partial nint Splice(SafeHandle fdIn, nint offIn, int fdOut, nint offOut, nuint len, uint flags);

    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static partial nint SpliceOut(int fdIn, nint offIn, SafeHandle fdOut, nint offOut, nuint len, uint flags);

    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static partial nint SpliceFds(int fdIn, nint offIn, int fdOut, nint offOut, nuint len, uint flags);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
