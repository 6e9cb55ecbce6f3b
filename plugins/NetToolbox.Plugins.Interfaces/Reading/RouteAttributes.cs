using System.Runtime.InteropServices;
using System.Text;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// The rtattr list that follows an ifinfomsg or ifaddrmsg: (u16 length, u16 type, value) records aligned to 4 bytes.
/// Types are looked up without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits.
/// </summary>
internal sealed class RouteAttributes
{
    private const int HeaderLength = 4;
    private const ushort TypeMask = 0x3FFF;

    private readonly Dictionary<ushort, ReadOnlyMemory<byte>> _values = [];

    private RouteAttributes()
    {
    }

    public static RouteAttributes Parse(ReadOnlyMemory<byte> data)
    {
        var attributes = new RouteAttributes();
        var offset = 0;
        var span = data.Span;
        while (offset + HeaderLength <= span.Length)
        {
            var length = MemoryMarshal.Read<ushort>(span[offset..]);
            var type = (ushort)(MemoryMarshal.Read<ushort>(span[(offset + 2)..]) & TypeMask);
            if (length < HeaderLength || offset + length > span.Length)
            {
                break; // truncated tail: keep what was complete
            }

            attributes._values[type] = data.Slice(offset + HeaderLength, length - HeaderLength);
            offset += (length + 3) & ~3;
        }

        return attributes;
    }

    public bool Has(ushort type) => _values.ContainsKey(type);

    public ReadOnlyMemory<byte>? Bytes(ushort type) => _values.TryGetValue(type, out var value) ? value : null;

    public RouteAttributes? Nested(ushort type) => Bytes(type) is { } value ? Parse(value) : null;

    public uint? UInt32(ushort type) =>
        _values.TryGetValue(type, out var value) && value.Length >= 4 ? MemoryMarshal.Read<uint>(value.Span) : null;

    public byte? UInt8(ushort type) =>
        _values.TryGetValue(type, out var value) && value.Length >= 1 ? value.Span[0] : null;

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFA_LABEL, IFLA_INFO_KIND).</summary>
    public string? String(ushort type)
    {
        if (!_values.TryGetValue(type, out var value))
        {
            return null;
        }

        var span = value.Span;
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? span[..end] : span);
    }
}
