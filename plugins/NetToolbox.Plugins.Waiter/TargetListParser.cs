using System.Diagnostics.CodeAnalysis;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Parses the <c>targets</c> text: items separated by commas or white space, each <c>host:port</c>,
/// <c>[v6]:port</c>, <c>tcp://host:port</c>, <c>unix:/path</c> or an <c>http://</c>/<c>https://</c> URL.
/// </summary>
internal static class TargetListParser
{
    /// <summary>More targets than this in one run is almost certainly a mistake (and a lot of sockets).</summary>
    public const int MaxTargets = 64;

    private const string Forms = "use host:port, [IPv6]:port, unix:/path or an http(s):// URL";

    private static readonly char[] Separators = [',', ' ', '\t', '\r', '\n', ';'];

    /// <summary>Parses every item; on the first bad one, <paramref name="error"/> names it and says why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IReadOnlyList<WaitTarget>? targets, [NotNullWhen(false)] out string? error)
    {
        targets = null;
        var items = (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            error = $"no targets given; {Forms}";
            return false;
        }

        if (items.Length > MaxTargets)
        {
            error = $"{items.Length} targets given; at most {MaxTargets} per run";
            return false;
        }

        var parsed = new List<WaitTarget>(items.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!TryParseItem(item, out var target, out var why))
            {
                error = $"target '{item}' is invalid: {why}";
                return false;
            }

            if (!seen.Add(target.Text))
            {
                error = $"target '{item}' is listed twice";
                return false;
            }

            parsed.Add(target);
        }

        targets = parsed;
        error = null;
        return true;
    }

    private static bool TryParseItem(string item, [NotNullWhen(true)] out WaitTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (item.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || item.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseUrl(item, out target, out error);
        }

        var endpointText = item.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ? item["tcp://".Length..] : item;
        if (!endpointText.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) && !endpointText.Contains(':', StringComparison.Ordinal))
        {
            error = $"no port; {Forms}";
            return false;
        }

        if (!NetworkEndpoint.TryParse(endpointText, out var endpoint, out error))
        {
            return false;
        }

        if (endpoint.IsUnix)
        {
            target = new WaitTarget(item, TargetKind.Unix, endpoint, null);
            return true;
        }

        if (endpoint.Port == 0)
        {
            error = "port 0 cannot be connected to; give the service's port (1-65535)";
            return false;
        }

        target = new WaitTarget(item, TargetKind.Tcp, endpoint, null);
        return true;
    }

    private static bool TryParseUrl(string item, [NotNullWhen(true)] out WaitTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (!Uri.TryCreate(item, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            error = "not a valid URL";
            return false;
        }

        // Uri keeps IPv6 hosts in brackets; DnsSafeHost drops them (and keeps a zone as %eth0).
        var host = url.DnsSafeHost;
        if (!NetworkEndpoint.IsValidHost(host))
        {
            error = $"'{url.Host}' is not a valid host name or IP address";
            return false;
        }

        target = new WaitTarget(item, TargetKind.Http, new NetworkEndpoint { Host = host, Port = url.Port }, url);
        error = null;
        return true;
    }
}
