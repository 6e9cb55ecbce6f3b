namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// Decides what kind of interface a link is. A virtual link names its driver in IFLA_INFO_KIND (veth,
/// bridge, tun, vlan, wireguard…); hardware has none, so its ARPHRD link type decides (ether → ethernet,
/// or wireless when sysfs shows a <c>wireless</c>/<c>phy80211</c> entry).
/// </summary>
internal static class InterfaceKinds
{
    /// <summary>IFLA_TUN_TYPE value of a tap device (IFF_TAP); tun devices report IFF_TUN (1).</summary>
    private const byte TunTypeTap = 2;

    private static readonly HashSet<string> IpTunnelKinds = new(StringComparer.Ordinal)
    {
        "ipip", "sit", "gre", "gretap", "ip6gre", "ip6gretap", "ip6tnl", "vti", "vti6", "erspan", "ip6erspan", "fou", "gtp",
    };

    /// <summary>Kind name for <paramref name="link"/>; <paramref name="isWireless"/> refines plain ethernet.</summary>
    public static string Classify(LinkRecord link, bool isWireless)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.InfoKind is { Length: > 0 } kind)
        {
            if (kind == "tun")
            {
                return link.TunType == TunTypeTap ? "tap" : "tun";
            }

            return IpTunnelKinds.Contains(kind) ? "tunnel" : kind;
        }

        return link.HardwareType switch
        {
            LinkNames.ArphrdLoopback => "loopback",
            LinkNames.ArphrdEther => isWireless ? "wireless" : "ethernet",
            LinkNames.ArphrdIeee80211 or 802 or 803 => "wireless",
            LinkNames.ArphrdTunnel or LinkNames.ArphrdTunnel6 or LinkNames.ArphrdSit or LinkNames.ArphrdIpGre or LinkNames.ArphrdIp6Gre => "tunnel",
            _ => LinkNames.LinkType(link.HardwareType),
        };
    }
}
