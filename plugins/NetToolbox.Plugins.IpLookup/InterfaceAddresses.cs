using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.IpLookup;

/// <summary>The lookup of an interface: its addresses of the asked family with prefix, network, broadcast and scope.</summary>
internal static class InterfaceAddresses
{
    public const string Table = "addresses";

    /// <summary>
    /// Row columns: interface, family (ipv4/ipv6), address, prefixLength, cidr, network (e.g. the IPv6 /64 prefix),
    /// broadcast (IPv4, as configured), scope (host, link-local, site, ula, global), flags (ip addr's words).
    /// </summary>
    public static readonly IReadOnlyList<string> Columns =
        ["interface", "family", "address", "prefixLength", "cidr", "network", "broadcast", "scope", "flags"];

    public static IEnumerable<ToolEvent> Describe(NetInterface item, LookupOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        var wanted = item.Addresses.Where(a => options.Wants(a.Address.AddressFamily)).ToList();
        if (wanted.Count == 0)
        {
            yield return Missing(item, options);
            yield break;
        }

        foreach (var address in wanted)
        {
            yield return new RowEvent(
                Columns,
                [
                    item.Name,
                    address.Family,
                    address.Address.ToString(),
                    address.PrefixLength,
                    address.Cidr,
                    address.Network.ToString(),
                    address.Broadcast?.ToString(),
                    address.Scope,
                    string.Join(',', address.FlagNames),
                ],
                Key: address.Cidr,
                Table: Table);
        }

        var data = new JsonObject
        {
            ["source"] = "interface",
            ["interface"] = item.Name,
            ["index"] = item.Index,
            ["kind"] = item.Kind,
            ["adminState"] = item.AdminState,
            ["operState"] = item.OperState,
            ["ipv4"] = new JsonArray([.. wanted.Where(a => a.IsIPv4).Select(Describe)]),
            ["ipv6"] = new JsonArray([.. wanted.Where(a => !a.IsIPv4).Select(Describe)]),
        };
        yield return new ResultEvent(true, $"{item.Name}: {string.Join(", ", wanted.Select(a => $"{a.Cidr} ({a.Scope})"))}", data);
    }

    private static ResultEvent Missing(NetInterface item, LookupOptions options)
    {
        var asked = options.FamilyLabel ?? "IPv4 or IPv6";
        var has = item.Addresses.Count == 0
            ? "it has no addresses at all"
            : "it has: " + string.Join(", ", item.Addresses.Select(a => a.Cidr));
        var down = item.Link.AdminUp ? string.Empty : "; the interface is down";
        return new ResultEvent(
            false,
            $"{item.Name} has no {asked} address ({has}{down})",
            new JsonObject
            {
                ["source"] = "interface",
                ["interface"] = item.Name,
                ["family"] = options.Family,
                ["addresses"] = new JsonArray([.. item.Addresses.Select(a => (JsonNode?)a.Cidr)]),
            });
    }

    private static JsonNode Describe(AddressRecord address) => new JsonObject
    {
        ["address"] = address.Address.ToString(),
        ["prefixLength"] = address.PrefixLength,
        ["cidr"] = address.Cidr,
        ["network"] = address.Network.ToString(),
        ["broadcast"] = address.Broadcast?.ToString(),
        ["scope"] = address.Scope,
        ["flags"] = new JsonArray([.. address.FlagNames.Select(f => (JsonNode?)f)]),
    };
}
