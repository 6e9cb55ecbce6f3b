using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.Interfaces;

/// <summary>
/// Turns interfaces into table rows. Table "interfaces" has one row per interface keyed by its name;
/// table "addresses" one row per address keyed by "interface address/prefix".
/// </summary>
internal static class InterfaceRows
{
    public const string InterfaceTable = "interfaces";
    public const string AddressTable = "addresses";

    /// <summary>
    /// Columns of the interfaces table: name, index, kind, mac (null when the link has none), mtu, adminState
    /// (up/down: IFF_UP), operState (RFC 2863: up, down, lowerlayerdown, dormant, unknown…), speedMbps (null when
    /// unknown or down), master (bridge/bond it is a port of), link (veth peer or vlan parent), linkType (ARPHRD name as in ip link), flags (ip link's
    /// flag words, comma-separated), ipv4 ("a/len brd b" list), ipv6 ("a/len (scope)" list), then the counters.
    /// </summary>
    public static readonly IReadOnlyList<string> InterfaceColumns =
    [
        "name", "index", "kind", "mac", "mtu", "adminState", "operState", "speedMbps", "master", "link", "linkType", "flags",
        "ipv4", "ipv6", "rxBytes", "rxPackets", "txBytes", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped",
    ];

    /// <summary>
    /// Columns of the addresses table: interface, family (ipv4/ipv6), address, prefixLength, cidr, network (host bits
    /// cleared), broadcast (IPv4, as configured), peer (point-to-point), scope (host, link-local, site, ula, global),
    /// kernelScope (ip addr's word), label, flags (ip addr's words), validLifetime/preferredLifetime (seconds, null = forever).
    /// </summary>
    public static readonly IReadOnlyList<string> AddressColumns =
    [
        "interface", "family", "address", "prefixLength", "cidr", "network", "broadcast", "peer", "scope", "kernelScope",
        "label", "flags", "validLifetime", "preferredLifetime",
    ];

    public static RowEvent Interface(NetInterface item, InterfaceListOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        var shown = item.Addresses.Where(options.Shows).ToList();
        var counters = item.Link.Counters;
        return new RowEvent(
            InterfaceColumns,
            [
                item.Name,
                item.Index,
                item.Kind,
                item.Mac,
                item.Link.Mtu,
                item.AdminState,
                item.OperState,
                item.SpeedMbps,
                item.Master,
                item.Peer,
                item.LinkType,
                string.Join(',', item.FlagNames),
                string.Join(", ", shown.Where(a => a.IsIPv4).Select(DescribeIPv4)),
                string.Join(", ", shown.Where(a => !a.IsIPv4).Select(a => $"{a.Cidr} ({a.Scope})")),
                counters?.RxBytes,
                counters?.RxPackets,
                counters?.TxBytes,
                counters?.TxPackets,
                counters?.RxErrors,
                counters?.TxErrors,
                counters?.RxDropped,
                counters?.TxDropped,
            ],
            Key: item.Name,
            Table: InterfaceTable);
    }

    public static RowEvent Address(NetInterface owner, AddressRecord address)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(address);
        return new RowEvent(
            AddressColumns,
            [
                owner.Name,
                address.Family,
                address.Address.ToString(),
                address.PrefixLength,
                address.Cidr,
                address.Network.ToString(),
                address.Broadcast?.ToString(),
                address.Peer?.ToString(),
                address.Scope,
                address.KernelScopeName,
                address.Label,
                string.Join(',', address.FlagNames),
                address.ValidLifetime,
                address.PreferredLifetime,
            ],
            Key: $"{owner.Name} {address.Cidr}",
            Table: AddressTable);
    }

    /// <summary>A compact object for the result's data, for scripts that read only the result.</summary>
    public static JsonObject Summary(NetInterface item, InterfaceListOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        var shown = item.Addresses.Where(options.Shows).ToList();
        return new JsonObject
        {
            ["name"] = item.Name,
            ["index"] = item.Index,
            ["kind"] = item.Kind,
            ["mac"] = item.Mac,
            ["mtu"] = item.Link.Mtu,
            ["adminState"] = item.AdminState,
            ["operState"] = item.OperState,
            ["speedMbps"] = item.SpeedMbps,
            ["ipv4"] = new JsonArray([.. shown.Where(a => a.IsIPv4).Select(a => (JsonNode?)a.Cidr)]),
            ["ipv6"] = new JsonArray([.. shown.Where(a => !a.IsIPv4).Select(a => (JsonNode?)a.Cidr)]),
        };
    }

    private static string DescribeIPv4(AddressRecord address) =>
        address.Broadcast is { } broadcast ? $"{address.Cidr} brd {broadcast}" : address.Cidr;
}
