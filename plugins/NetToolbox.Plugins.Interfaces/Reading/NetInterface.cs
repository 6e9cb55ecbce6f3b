namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>One interface with everything the tools show about it.</summary>
/// <param name="Link">The kernel's link record.</param>
/// <param name="Kind">loopback, ethernet, wireless, veth, bridge, tun, tap, vlan, wireguard, tunnel… (see <see cref="InterfaceKinds"/>).</param>
/// <param name="SpeedMbps">Link speed in Mbit/s where the driver knows it and the link is up, else null.</param>
/// <param name="Master">Name of the bridge or bond this interface is a port of, or null.</param>
/// <param name="Peer">Name of the IFLA_LINK device (a veth's peer, a vlan's parent) in the same namespace, or null.</param>
/// <param name="PeerDown">True when <paramref name="Peer"/> is administratively down (ip prints M-DOWN).</param>
/// <param name="Addresses">IPv4 then IPv6 addresses in the kernel's order.</param>
internal sealed record NetInterface(
    LinkRecord Link,
    string Kind,
    long? SpeedMbps,
    string? Master,
    string? Peer,
    bool PeerDown,
    IReadOnlyList<AddressRecord> Addresses)
{
    public string Name => Link.Name;

    public int Index => Link.Index;

    /// <summary>"up" when IFF_UP is set, else "down".</summary>
    public string AdminState => Link.AdminUp ? "up" : "down";

    /// <summary>RFC 2863 operational state: up, down, lowerlayerdown, dormant, unknown (loopback reports unknown)…</summary>
    public string OperState => LinkNames.OperState(Link.OperState);

    /// <summary>ARPHRD link type as <c>ip link</c> names it: ether, loopback, none…</summary>
    public string LinkType => LinkNames.LinkType(Link.HardwareType);

    /// <summary>Link-layer address (MAC) in lower-case colon form, or null when the link has none.</summary>
    public string? Mac => LinkNames.HardwareAddress(Link.HardwareAddress, Link.HardwareType);

    /// <summary>Flag words as <c>ip link</c> prints them, including its M-DOWN for a link whose peer is down.</summary>
    public IReadOnlyList<string> FlagNames => PeerDown ? [.. LinkNames.FlagNames(Link.Flags), "M-DOWN"] : LinkNames.FlagNames(Link.Flags);
}
