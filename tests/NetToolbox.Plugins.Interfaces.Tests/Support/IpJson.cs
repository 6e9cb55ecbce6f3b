using System.Text.Json;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>A link as <c>ip -j -s -d link</c> reports it.</summary>
internal sealed record IpLink(
    int Index,
    string Name,
    IReadOnlySet<string> Flags,
    int Mtu,
    string OperState,
    string LinkType,
    string? Address,
    string? Master,
    string? Link,
    string? InfoKind,
    string? TunType,
    IReadOnlyDictionary<string, ulong> Stats);

/// <summary>An address as <c>ip -j addr</c> reports it; <see cref="Flags"/> holds every boolean key that is true.</summary>
internal sealed record IpAddress(
    string Interface,
    string Family,
    string Local,
    int PrefixLength,
    string? Peer,
    string? Broadcast,
    string Scope,
    string? Label,
    IReadOnlySet<string> Flags,
    long ValidLifetime,
    long PreferredLifetime);

/// <summary>Runs <c>ip -j</c> (in the host's or a test namespace) and parses what it prints.</summary>
internal static class IpJson
{
    public static IReadOnlyList<IpLink> Links(string? netns = null)
    {
        using var document = JsonDocument.Parse(IpCommand.Run(WithNamespace(netns, "-j", "-s", "-d", "link", "show")));
        return [.. document.RootElement.EnumerateArray().Select(ParseLink)];
    }

    public static IReadOnlyList<IpAddress> Addresses(string? netns = null)
    {
        using var document = JsonDocument.Parse(IpCommand.Run(WithNamespace(netns, "-j", "addr", "show")));
        var addresses = new List<IpAddress>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var name = link.GetProperty("ifname").GetString()!;
            if (!link.TryGetProperty("addr_info", out var infos))
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                if (!info.TryGetProperty("local", out var local))
                {
                    continue;
                }

                addresses.Add(new IpAddress(
                    name,
                    info.GetProperty("family").GetString()!,
                    local.GetString()!,
                    info.GetProperty("prefixlen").GetInt32(),
                    OptionalString(info, "address"),
                    OptionalString(info, "broadcast"),
                    info.GetProperty("scope").GetString()!,
                    OptionalString(info, "label"),
                    info.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name).ToHashSet(),
                    info.GetProperty("valid_life_time").GetInt64(),
                    info.GetProperty("preferred_life_time").GetInt64()));
            }
        }

        return addresses;
    }

    private static string[] WithNamespace(string? netns, params string[] arguments) =>
        netns is null ? arguments : ["-n", netns, .. arguments];

    private static IpLink ParseLink(JsonElement link)
    {
        string? infoKind = null;
        string? tunType = null;
        if (link.TryGetProperty("linkinfo", out var info))
        {
            infoKind = OptionalString(info, "info_kind");
            if (info.TryGetProperty("info_data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                tunType = OptionalString(data, "type");
            }
        }

        var stats = new Dictionary<string, ulong>();
        if (link.TryGetProperty("stats64", out var stats64))
        {
            foreach (var direction in new[] { "rx", "tx" })
            {
                foreach (var counter in stats64.GetProperty(direction).EnumerateObject())
                {
                    stats[direction + "." + counter.Name] = counter.Value.GetUInt64();
                }
            }
        }

        return new IpLink(
            link.GetProperty("ifindex").GetInt32(),
            link.GetProperty("ifname").GetString()!,
            link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToHashSet(),
            link.GetProperty("mtu").GetInt32(),
            link.GetProperty("operstate").GetString()!,
            link.GetProperty("link_type").GetString()!,
            OptionalString(link, "address"),
            OptionalString(link, "master"),
            OptionalString(link, "link"),
            infoKind,
            tunType,
            stats);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
