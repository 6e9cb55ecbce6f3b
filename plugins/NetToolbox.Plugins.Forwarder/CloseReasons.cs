using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>The words a connection's close reason is written in, shared by the row table and the log.</summary>
internal static class CloseReasons
{
    public const string Refused = "refused";
    public const string Timeout = "timeout";
    public const string IdleTimeout = "idle timeout";
    public const string Stopped = "stopped";
    public const string ClosedByClient = "closed by client";
    public const string ClosedByTarget = "closed by target";

    /// <summary>A short description of a socket error, as the user knows it from other tools.</summary>
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => Refused,
        SocketError.TimedOut => Timeout,
        SocketError.HostUnreachable => "no route to host",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.NetworkDown => "network down",
        SocketError.ConnectionReset => "reset",
        SocketError.ConnectionAborted => "aborted",
        SocketError.Shutdown => "broken pipe",
        SocketError.HostNotFound => "host not found",
        SocketError.TryAgain => "temporary name resolution failure",
        SocketError.NoData => "no address for this name",
        SocketError.AccessDenied => "permission denied",
        SocketError.AddressNotAvailable => "address not available",
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressFamilyNotSupported => "address family not supported",
        SocketError.InvalidArgument => "invalid argument",
        _ => error.ToString(),
    };

    /// <summary>
    /// The reason for a connection that failed while relaying: <c>client reset</c>, <c>target reset</c>,
    /// or <c>{side} error: …</c>.
    /// </summary>
    public static string ForRelayError(bool clientSide, SocketError error)
    {
        var side = clientSide ? "client" : "target";
        return error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
            ? side + " reset"
            : $"{side} error: {Describe(error)}";
    }
}
