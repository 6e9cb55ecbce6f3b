using System.Globalization;
using System.Net;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Words for link attributes, spelled as iproute2 spells them so output can be compared with <c>ip link</c>.</summary>
internal static class LinkNames
{
    public const ushort ArphrdEther = 1;
    public const ushort ArphrdTunnel = 768;
    public const ushort ArphrdTunnel6 = 769;
    public const ushort ArphrdLoopback = 772;
    public const ushort ArphrdSit = 776;
    public const ushort ArphrdIpGre = 778;
    public const ushort ArphrdIeee80211 = 801;
    public const ushort ArphrdIp6Gre = 823;
    public const ushort ArphrdNone = 0xFFFE;

    private static readonly string[] OperStates = ["unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"];

    private static readonly Dictionary<ushort, string> LinkTypes = new()
    {
        [0] = "netrom",
        [ArphrdEther] = "ether",
        [24] = "ieee1394",
        [32] = "infiniband",
        [256] = "slip",
        [280] = "can",
        [512] = "ppp",
        [ArphrdTunnel] = "ipip",
        [ArphrdTunnel6] = "tunnel6",
        [ArphrdLoopback] = "loopback",
        [ArphrdSit] = "sit",
        [ArphrdIpGre] = "gre",
        [ArphrdIeee80211] = "ieee802.11",
        [802] = "ieee802.11/prism",
        [803] = "ieee802.11/radiotap",
        [804] = "ieee802.15.4",
        [ArphrdIp6Gre] = "ip6gre",
        [824] = "netlink",
        [825] = "6lowpan",
        [ArphrdNone] = "none",
        [0xFFFF] = "void",
    };

    private static readonly (uint Mask, string Name)[] Flags =
    [
        (0x8, "LOOPBACK"),
        (0x2, "BROADCAST"),
        (0x10, "POINTOPOINT"),
        (0x1000, "MULTICAST"),
        (0x80, "NOARP"),
        (0x200, "ALLMULTI"),
        (0x100, "PROMISC"),
        (0x20, "NOTRAILERS"),
        (0x4, "DEBUG"),
        (0x8000, "DYNAMIC"),
        (0x4000, "AUTOMEDIA"),
        (0x2000, "PORTSEL"),
        (0x800, "SLAVE"),
        (0x400, "MASTER"),
        (LinkRecord.FlagUp, "UP"),
        (LinkRecord.FlagLowerUp, "LOWER_UP"),
        (0x20000, "DORMANT"),
        (0x40000, "ECHO"),
    ];

    /// <summary>RFC 2863 operational state (IFLA_OPERSTATE) in lower case: up, down, lowerlayerdown, dormant, unknown…</summary>
    public static string OperState(byte state) =>
        state < OperStates.Length ? OperStates[state] : state.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ARPHRD link type as <c>ip link</c>'s <c>link_type</c> ("ether", "loopback", "none", or "[n]").</summary>
    public static string LinkType(ushort hardwareType) =>
        LinkTypes.TryGetValue(hardwareType, out var name) ? name : $"[{hardwareType.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>
    /// The flag words <c>ip link</c> prints, in its order: NO-CARRIER for an up link without IFF_RUNNING,
    /// then the IFF_* names (IFF_RUNNING itself is not printed).
    /// </summary>
    public static IReadOnlyList<string> FlagNames(uint flags)
    {
        var names = new List<string>();
        if ((flags & LinkRecord.FlagUp) != 0 && (flags & LinkRecord.FlagRunning) == 0)
        {
            names.Add("NO-CARRIER");
        }

        foreach (var (mask, name) in Flags)
        {
            if ((flags & mask) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// The link-layer address as text: colon-separated hex bytes, except that IP tunnels carry their
    /// endpoint's IPv4 or IPv6 address there, which iproute2 prints as an IP address.
    /// </summary>
    public static string? HardwareAddress(byte[]? address, ushort hardwareType)
    {
        if (address is null || address.Length == 0)
        {
            return null;
        }

        if ((address.Length == 4 && hardwareType is ArphrdTunnel or ArphrdSit or ArphrdIpGre)
            || (address.Length == 16 && hardwareType is ArphrdTunnel6 or ArphrdIp6Gre))
        {
            return new IPAddress(address).ToString();
        }

        return string.Join(':', address.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
