using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>The few libc calls the reader needs: a NETLINK_ROUTE socket and the SIOCETHTOOL ioctl.</summary>
internal static partial class LinuxInterop
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkRoute = 0;
    public const int SolSocket = 1;
    public const int SoRcvtimeo = 20;
    public const int MsgTrunc = 0x20;
    public const int Eintr = 4;
    public const int Eagain = 11;

    /// <summary>SIOCETHTOOL from linux/sockios.h: the ethtool ioctl, answered for any socket in the device's namespace.</summary>
    public const uint SiocEthtool = 0x8946;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial SafeFileDescriptor Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(SafeFileDescriptor fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Receive(SafeFileDescriptor fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSocketOption(SafeFileDescriptor fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int IoControl(SafeFileDescriptor fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(nint fd);

    /// <summary>A file descriptor closed exactly once, also when a read throws.</summary>
    internal sealed class SafeFileDescriptor : SafeHandleMinusOneIsInvalid
    {
        public SafeFileDescriptor()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => LinuxInterop.Close(handle) == 0;
    }
}
