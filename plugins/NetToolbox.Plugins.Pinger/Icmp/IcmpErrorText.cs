using System.Globalization;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>ICMP error types and codes in the words iputils <c>ping</c> prints; null for messages that are not errors about a packet.</summary>
internal static class IcmpErrorText
{
    /// <summary>RFC 792 / RFC 1812 errors. Redirects and source quench are advice, not a verdict, and are ignored.</summary>
    public static string? DescribeV4(byte type, byte code) => type switch
    {
        3 => code switch
        {
            0 => "Destination Net Unreachable",
            1 => "Destination Host Unreachable",
            2 => "Destination Protocol Unreachable",
            3 => "Destination Port Unreachable",
            4 => "Frag needed and DF set",
            5 => "Source Route Failed",
            6 => "Destination Net Unknown",
            7 => "Destination Host Unknown",
            9 or 10 or 13 => "Communication administratively prohibited",
            _ => string.Create(CultureInfo.InvariantCulture, $"Destination Unreachable, code {code}"),
        },
        11 => code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded",
        12 => "Parameter problem",
        _ => null,
    };

    /// <summary>RFC 4443 errors.</summary>
    public static string? DescribeV6(byte type, byte code, uint parameter) => type switch
    {
        1 => code switch
        {
            0 => "Destination unreachable: No route",
            1 => "Destination unreachable: Administratively prohibited",
            2 => "Destination unreachable: Beyond scope of source address",
            3 => "Destination unreachable: Address unreachable",
            4 => "Destination unreachable: Port unreachable",
            5 => "Destination unreachable: Source address failed ingress/egress policy",
            6 => "Destination unreachable: Reject route to destination",
            _ => string.Create(CultureInfo.InvariantCulture, $"Destination unreachable: code {code}"),
        },
        2 => string.Create(CultureInfo.InvariantCulture, $"Packet too big: mtu={parameter}"),
        3 => code == 0 ? "Time exceeded: Hop limit" : "Time exceeded: Defragmentation failure",
        4 => "Parameter problem",
        _ => null,
    };
}
