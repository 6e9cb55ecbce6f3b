using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>What kind of check a target gets.</summary>
internal enum TargetKind
{
    /// <summary>A TCP connect to host:port.</summary>
    Tcp,

    /// <summary>An HTTP(S) GET that must answer with an expected status.</summary>
    Http,

    /// <summary>A connect to a Unix domain socket path.</summary>
    Unix,
}

/// <summary>One thing to wait for, as the user wrote it.</summary>
/// <param name="Text">The item as given (trimmed); the row key and the name used in messages.</param>
/// <param name="Kind">Which check to run.</param>
/// <param name="Endpoint">Host/port or Unix path (for HTTP: the URL's host and effective port).</param>
/// <param name="Url">The URL for an HTTP(S) target, else null.</param>
internal sealed record WaitTarget(string Text, TargetKind Kind, NetworkEndpoint Endpoint, Uri? Url)
{
    /// <summary>The endpoint handed to the destination policy before any probe.</summary>
    public EndPoint PolicyEndPoint => Endpoint switch
    {
        { IsUnix: true } => new UnixDomainSocketEndPoint(Endpoint.UnixPath),
        { Address: { } address } => new IPEndPoint(address, Endpoint.Port),
        _ => new DnsEndPoint(Endpoint.Host!, Endpoint.Port),
    };
}
