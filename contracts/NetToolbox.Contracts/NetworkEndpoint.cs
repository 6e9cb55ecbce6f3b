using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace NetToolbox.Contracts;

/// <summary>
/// A network endpoint given by a user: a host (name, IPv4, or IPv6 with optional zone) and port,
/// or a Unix domain socket path. Text forms: <c>host:port</c>, <c>192.0.2.1:80</c>,
/// <c>[::1]:8080</c>, <c>[fe80::1%eth0]:22</c>, <c>unix:/run/app.sock</c>.
/// </summary>
public sealed record NetworkEndpoint
{
    private const string UnixPrefix = "unix:";

    /// <summary>Host name or IP literal (IPv6 without brackets, zone kept as <c>%eth0</c>); null for a Unix socket.</summary>
    public string? Host { get; init; }

    /// <summary>Port 0–65535; 0 for a Unix socket (or "pick one" when listening).</summary>
    public int Port { get; init; }

    /// <summary>Path of a Unix domain socket; null for a TCP endpoint.</summary>
    public string? UnixPath { get; init; }

    /// <summary>True when this is a Unix domain socket endpoint.</summary>
    [MemberNotNullWhen(true, nameof(UnixPath))]
    [MemberNotNullWhen(false, nameof(Host))]
    public bool IsUnix => UnixPath is not null;

    /// <summary>The IP address when <see cref="Host"/> is an IP literal, else null (a name to resolve).</summary>
    public IPAddress? Address => Host is not null && IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>Parses the text forms listed on the type.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="endpoint">The endpoint when parsing succeeded.</param>
    /// <param name="error">Why parsing failed, in words a user understands.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NetworkEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "an endpoint is required";
            return false;
        }

        if (text.StartsWith(UnixPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[UnixPrefix.Length..];
            if (path.Length == 0)
            {
                error = "unix: needs a socket path, e.g. unix:/run/app.sock";
                return false;
            }

            endpoint = new NetworkEndpoint { UnixPath = path };
            error = null;
            return true;
        }

        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"'{text}' is not [IPv6]:port";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' inside brackets is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                error = $"'{text}' has no port; use host:port";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                error = $"IPv6 addresses need brackets: [{host}]:{portText}";
                return false;
            }

            if (!IsValidHost(host))
            {
                error = $"'{host}' is not a valid host name or IPv4 address";
                return false;
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{portText}' is not a port (0-65535)";
            return false;
        }

        endpoint = new NetworkEndpoint { Host = host, Port = port };
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="host"/> is an IP literal or a syntactically valid DNS name.</summary>
    public static bool IsValidHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        if (IPAddress.TryParse(host, out _))
        {
            return true;
        }

        return Uri.CheckHostName(host) == UriHostNameType.Dns;
    }

    /// <summary>Formats the endpoint in the same text form <see cref="TryParse"/> accepts.</summary>
    public override string ToString()
    {
        if (IsUnix)
        {
            return UnixPrefix + UnixPath;
        }

        return Host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
    }
}
