namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>What the kernel reports for one link in an RTM_NEWLINK message.</summary>
/// <param name="Index">Interface index (ifi_index).</param>
/// <param name="Name">Interface name (IFLA_IFNAME).</param>
/// <param name="HardwareType">ARPHRD_* link type (ifi_type), e.g. 1 ethernet, 772 loopback, 65534 none.</param>
/// <param name="Flags">IFF_* flags (ifi_flags).</param>
/// <param name="Mtu">IFLA_MTU.</param>
/// <param name="HardwareAddress">IFLA_ADDRESS, or null when the link has none (tun, some tunnels).</param>
/// <param name="OperState">IFLA_OPERSTATE (RFC 2863 value, see <see cref="LinkNames.OperState"/>).</param>
/// <param name="InfoKind">IFLA_INFO_KIND of a virtual link (veth, bridge, tun, vlan, wireguard…), null for hardware.</param>
/// <param name="TunType">IFLA_TUN_TYPE for kind "tun": 1 tun, 2 tap.</param>
/// <param name="MasterIndex">IFLA_MASTER: the bridge or bond this link is a port of.</param>
/// <param name="LinkIndex">IFLA_LINK in this namespace: a veth's peer, a vlan's parent; null when none or in another namespace.</param>
/// <param name="Counters">IFLA_STATS64 (or IFLA_STATS when the former is missing).</param>
internal sealed record LinkRecord(
    int Index,
    string Name,
    ushort HardwareType,
    uint Flags,
    int Mtu,
    byte[]? HardwareAddress,
    byte OperState,
    string? InfoKind,
    byte? TunType,
    int? MasterIndex,
    int? LinkIndex,
    LinkCounters? Counters)
{
    public const uint FlagUp = 0x1;
    public const uint FlagRunning = 0x40;
    public const uint FlagLowerUp = 0x10000;

    /// <summary>Administratively up (IFF_UP), as set by <c>ip link set … up</c>.</summary>
    public bool AdminUp => (Flags & FlagUp) != 0;
}
