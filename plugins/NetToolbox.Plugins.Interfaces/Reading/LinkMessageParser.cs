using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Decodes RTM_NEWLINK messages: struct ifinfomsg followed by IFLA_* attributes.</summary>
internal static class LinkMessageParser
{
    public const ushort NewLink = 16;
    public const ushort GetLink = 18;

    /// <summary>sizeof(struct ifinfomsg): family, pad, type u16, index i32, flags u32, change u32.</summary>
    public const int HeaderLength = 16;

    private const ushort IflaAddress = 1;
    private const ushort IflaIfname = 3;
    private const ushort IflaMtu = 4;
    private const ushort IflaLink = 5;
    private const ushort IflaStats = 7;
    private const ushort IflaMaster = 10;
    private const ushort IflaOperstate = 16;
    private const ushort IflaLinkinfo = 18;
    private const ushort IflaStats64 = 23;
    private const ushort IflaLinkNetnsid = 37;
    private const ushort IflaInfoKind = 1;
    private const ushort IflaInfoData = 2;
    private const ushort IflaTunType = 3;

    /// <summary>The request body of an RTM_GETLINK dump: an ifinfomsg for every family.</summary>
    public static byte[] DumpRequest() => new byte[HeaderLength];

    /// <summary>Decodes one message, or returns null when it is not a usable RTM_NEWLINK.</summary>
    public static LinkRecord? Parse(NetlinkMessage message)
    {
        if (message.Type != NewLink || message.Payload.Length < HeaderLength)
        {
            return null;
        }

        var header = message.Payload.Span;
        var hardwareType = MemoryMarshal.Read<ushort>(header[2..]);
        var index = MemoryMarshal.Read<int>(header[4..]);
        var flags = MemoryMarshal.Read<uint>(header[8..]);
        var attributes = RouteAttributes.Parse(message.Payload[HeaderLength..]);
        var name = attributes.String(IflaIfname);
        if (name is null)
        {
            return null;
        }

        var linkInfo = attributes.Nested(IflaLinkinfo);
        var kind = linkInfo?.String(IflaInfoKind);
        var tunType = kind == "tun" ? linkInfo?.Nested(IflaInfoData)?.UInt8(IflaTunType) : null;
        var master = attributes.UInt32(IflaMaster);
        var address = attributes.Bytes(IflaAddress);

        // With IFLA_LINK_NETNSID the index names a device in another namespace (a veth peer moved away).
        var lower = attributes.Has(IflaLinkNetnsid) ? null : attributes.UInt32(IflaLink);
        return new LinkRecord(
            index,
            name,
            hardwareType,
            flags,
            (int)(attributes.UInt32(IflaMtu) ?? 0),
            address is { Length: > 0 } bytes ? bytes.ToArray() : null,
            attributes.UInt8(IflaOperstate) ?? 0,
            kind,
            tunType,
            master is { } m and not 0 ? (int)m : null,
            lower is { } l and not 0 ? (int)l : null,
            ReadCounters(attributes));
    }

    private static LinkCounters? ReadCounters(RouteAttributes attributes)
    {
        // rtnl_link_stats64 and rtnl_link_stats share the field order:
        // rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors, rx_dropped, tx_dropped, …
        if (attributes.Bytes(IflaStats64) is { Length: >= 8 * 8 } wide)
        {
            var s = MemoryMarshal.Cast<byte, ulong>(wide.Span);
            return new LinkCounters(s[2], s[0], s[4], s[6], s[3], s[1], s[5], s[7]);
        }

        if (attributes.Bytes(IflaStats) is { Length: >= 8 * 4 } narrow)
        {
            var s = MemoryMarshal.Cast<byte, uint>(narrow.Span);
            return new LinkCounters(s[2], s[0], s[4], s[6], s[3], s[1], s[5], s[7]);
        }

        return null;
    }
}
