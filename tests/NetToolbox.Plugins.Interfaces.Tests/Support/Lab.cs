namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>Names and addresses of the test namespace's interfaces (documentation and ULA ranges only).</summary>
internal static class Lab
{
    /// <summary>veth end, up, MTU 1400, with several IPv4 (one secondary, one labelled) and IPv6 addresses.</summary>
    public const string Veth = "nt-va";

    /// <summary>The other veth end, up, a port of <see cref="Bridge"/>, no addresses.</summary>
    public const string BridgePort = "nt-vb";

    /// <summary>Bridge, up, IPv6 only.</summary>
    public const string Bridge = "nt-br";

    /// <summary>veth end that stays down, with an IPv4 and an IPv6 address.</summary>
    public const string Down = "nt-dx";

    /// <summary>Its peer, down, no addresses.</summary>
    public const string DownPeer = "nt-dy";

    /// <summary>tap device, up but without carrier (no process attached).</summary>
    public const string Tap = "nt-tap0";

    /// <summary>tun device, down.</summary>
    public const string Tun = "nt-tun0";

    public const string BridgeIPv6 = "2001:db8:78::1/64";

    /// <summary>Addresses added to <see cref="Veth"/>, as "cidr" plus the ip arguments that add them.</summary>
    public static readonly (string Cidr, string[] Extra)[] VethAddresses =
    [
        ("10.77.0.1/24", ["brd", "+"]),
        ("10.77.0.2/24", []),
        ("192.0.2.10/28", ["brd", "+", "label", "nt-va:1"]),
        ("2001:db8:77::1/64", ["nodad"]),
        ("2001:db8:77::2/64", ["nodad"]),
        ("fd00:77::1/64", ["nodad"]),
        ("fe80::77:1/64", ["nodad"]),
    ];

    public static readonly string[] DownAddresses = ["10.78.0.1/24", "fd00:78::1/64"];
}
