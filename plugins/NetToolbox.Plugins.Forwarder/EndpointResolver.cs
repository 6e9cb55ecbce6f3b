using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Turns a user's <see cref="NetworkEndpoint"/> into socket endpoints: IP literals (an IPv6 zone such as
/// <c>%eth0</c> becomes the interface index as scope id), Unix socket paths, or host names resolved through DNS.
/// </summary>
internal static class EndpointResolver
{
    /// <summary>
    /// The endpoint an IP literal or Unix path stands for without DNS, or null for a host name.
    /// <paramref name="error"/> is set when the literal names an interface that does not exist.
    /// </summary>
    public static EndPoint? TryLiteral(NetworkEndpoint endpoint, out string? error)
    {
        error = null;
        if (endpoint.IsUnix)
        {
            return new UnixDomainSocketEndPoint(endpoint.UnixPath);
        }

        if (endpoint.Address is not { } address)
        {
            return null;
        }

        var zoneStart = endpoint.Host.IndexOf('%', StringComparison.Ordinal);
        if (zoneStart >= 0 && address.ScopeId == 0)
        {
            // IPAddress parses an unknown interface name to scope 0 without complaint; a connect would then fail obscurely.
            var zone = endpoint.Host[(zoneStart + 1)..];
            if (zone != "0")
            {
                error = $"no network interface named '{zone}' (zone of {endpoint})";
                return null;
            }
        }

        return new IPEndPoint(address, endpoint.Port);
    }

    /// <summary>
    /// Every endpoint <paramref name="endpoint"/> stands for, in the order to try them: the literal itself, or
    /// each address DNS returns for the host name (resolved afresh on every call).
    /// </summary>
    public static async ValueTask<(IReadOnlyList<EndPoint> Endpoints, string? Error)> ResolveAsync(
        NetworkEndpoint endpoint, CancellationToken cancellationToken)
    {
        var literal = TryLiteral(endpoint, out var error);
        if (error is not null)
        {
            return ([], error);
        }

        if (literal is not null)
        {
            return ([literal], null);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(endpoint.Host!, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return ([], $"dns failure: {endpoint.Host}: {CloseReasons.Describe(ex.SocketErrorCode)}");
        }

        if (addresses.Length == 0)
        {
            return ([], $"dns failure: {endpoint.Host} has no addresses");
        }

        var endpoints = new EndPoint[addresses.Length];
        for (var i = 0; i < addresses.Length; i++)
        {
            endpoints[i] = new IPEndPoint(addresses[i], endpoint.Port);
        }

        return (endpoints, null);
    }

    /// <summary>Formats a socket endpoint the way users write it (IPv4-mapped IPv6 shown as IPv4).</summary>
    public static string Format(EndPoint? endpoint) => endpoint switch
    {
        null => "?",
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => Format(new IPEndPoint(ip.Address.MapToIPv4(), ip.Port)),
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip =>
            string.Create(CultureInfo.InvariantCulture, $"[{ip.Address}]:{ip.Port}"),
        IPEndPoint ip => string.Create(CultureInfo.InvariantCulture, $"{ip.Address}:{ip.Port}"),
        UnixDomainSocketEndPoint unix => unix.ToString() is { Length: > 0 } path ? "unix:" + path : "unix:(unnamed)",
        _ => endpoint.ToString() ?? "?",
    };

    /// <summary>A new stream socket for <paramref name="endpoint"/>, with Nagle off for TCP.</summary>
    public static Socket CreateStreamSocket(EndPoint endpoint)
    {
        if (endpoint is UnixDomainSocketEndPoint)
        {
            return new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        }

        return new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    /// <summary>A native <c>struct sockaddr</c> (as accept4 fills it) as text, the way <see cref="Format"/> writes an endpoint.</summary>
    public static unsafe string FormatNative(byte* address, int length)
    {
        var family = *(ushort*)address;
        var port = BinaryPrimitives.ReverseEndianness(*(ushort*)(address + 2));
        return family switch
        {
            EpollInterop.AfInet => Format(new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(address + 4, 4)), port)),
            EpollInterop.AfInet6 => Format(new IPEndPoint(
                new IPAddress(new ReadOnlySpan<byte>(address + 8, 16), *(uint*)(address + 24)), port)),
            _ => length > 2 && address[2] != 0
                ? "unix:" + Marshal.PtrToStringUTF8((nint)(address + 2), length - 2).TrimEnd('\0')
                : "unix:(unnamed)",
        };
    }
}
