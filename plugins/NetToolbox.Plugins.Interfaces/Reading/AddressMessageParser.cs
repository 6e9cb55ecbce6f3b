using System.Net;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Decodes RTM_NEWADDR messages: struct ifaddrmsg followed by IFA_* attributes.</summary>
internal static class AddressMessageParser
{
    public const ushort NewAddress = 20;
    public const ushort GetAddress = 22;

    /// <summary>sizeof(struct ifaddrmsg): family, prefixlen, flags, scope (u8 each), index u32.</summary>
    public const int HeaderLength = 8;

    private const byte FamilyInet = 2;
    private const byte FamilyInet6 = 10;
    private const ushort IfaAddress = 1;
    private const ushort IfaLocal = 2;
    private const ushort IfaLabel = 3;
    private const ushort IfaBroadcast = 4;
    private const ushort IfaCacheinfo = 6;
    private const ushort IfaFlags = 8;
    private const uint Forever = uint.MaxValue;

    /// <summary>The request body of an RTM_GETADDR dump for both families (AF_UNSPEC).</summary>
    public static byte[] DumpRequest() => new byte[HeaderLength];

    /// <summary>Decodes one message, or returns null when it is not an IPv4/IPv6 RTM_NEWADDR.</summary>
    public static AddressRecord? Parse(NetlinkMessage message)
    {
        if (message.Type != NewAddress || message.Payload.Length < HeaderLength)
        {
            return null;
        }

        var header = message.Payload.Span;
        var family = header[0];
        var addressLength = family switch
        {
            FamilyInet => 4,
            FamilyInet6 => 16,
            _ => 0,
        };
        if (addressLength == 0)
        {
            return null;
        }

        var attributes = RouteAttributes.Parse(message.Payload[HeaderLength..]);
        var address = ReadAddress(attributes, IfaAddress, addressLength);
        var local = ReadAddress(attributes, IfaLocal, addressLength);
        var shown = local ?? address;
        if (shown is null)
        {
            return null;
        }

        var peer = local is not null && address is not null && !local.Equals(address) ? address : null;
        uint? valid = null;
        uint? preferred = null;
        if (attributes.Bytes(IfaCacheinfo) is { Length: >= 8 } cache)
        {
            // struct ifa_cacheinfo { u32 ifa_prefered; u32 ifa_valid; u32 cstamp; u32 tstamp; }
            var p = MemoryMarshal.Read<uint>(cache.Span);
            var v = MemoryMarshal.Read<uint>(cache.Span[4..]);
            preferred = p == Forever ? null : p;
            valid = v == Forever ? null : v;
        }

        return new AddressRecord(
            (int)MemoryMarshal.Read<uint>(header[4..]),
            shown,
            header[1],
            peer,
            family == FamilyInet ? ReadAddress(attributes, IfaBroadcast, addressLength) : null,
            header[3],
            attributes.UInt32(IfaFlags) ?? header[2],
            attributes.String(IfaLabel),
            valid,
            preferred);
    }

    private static IPAddress? ReadAddress(RouteAttributes attributes, ushort type, int length) =>
        attributes.Bytes(type) is { } bytes && bytes.Length == length ? new IPAddress(bytes.Span) : null;
}
