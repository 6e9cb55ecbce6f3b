using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>Linux errno values as the <see cref="SocketError"/> the rest of the forwarder describes (<see cref="CloseReasons.Describe"/>).</summary>
internal static class Errno
{
    public const int EBADF = 9;

    public static SocketError ToSocketError(int errno) => errno switch
    {
        1 or 13 => SocketError.AccessDenied, // EPERM, EACCES
        2 => SocketError.AddressNotAvailable, // ENOENT: no Unix socket at that path (as .NET reports it)
        11 => SocketError.WouldBlock, // EAGAIN
        22 => SocketError.InvalidArgument, // EINVAL
        32 => SocketError.Shutdown, // EPIPE
        97 => SocketError.AddressFamilyNotSupported, // EAFNOSUPPORT
        98 => SocketError.AddressAlreadyInUse, // EADDRINUSE
        99 => SocketError.AddressNotAvailable, // EADDRNOTAVAIL
        100 => SocketError.NetworkDown, // ENETDOWN
        101 => SocketError.NetworkUnreachable, // ENETUNREACH
        103 => SocketError.ConnectionAborted, // ECONNABORTED
        104 => SocketError.ConnectionReset, // ECONNRESET
        110 => SocketError.TimedOut, // ETIMEDOUT
        111 => SocketError.ConnectionRefused, // ECONNREFUSED
        113 => SocketError.HostUnreachable, // EHOSTUNREACH
        _ => SocketError.SocketError,
    };
}
