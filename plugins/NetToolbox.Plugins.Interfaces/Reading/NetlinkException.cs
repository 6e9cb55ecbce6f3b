using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>The kernel refused a netlink request or the socket failed; carries the errno.</summary>
internal sealed class NetlinkException : Exception
{
    public NetlinkException()
    {
    }

    public NetlinkException(string message)
        : base(message)
    {
    }

    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NetlinkException(string operation, int errno)
        : base($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
    {
        Errno = errno;
    }

    /// <summary>The Linux error number, or 0 when not from a system call.</summary>
    public int Errno { get; }
}
