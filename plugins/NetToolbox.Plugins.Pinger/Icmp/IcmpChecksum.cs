using System.Buffers.Binary;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>The Internet checksum of RFC 1071, computed over a whole ICMP message.</summary>
internal static class IcmpChecksum
{
    /// <summary>
    /// The one's complement of the one's complement sum of the message's 16-bit big-endian words; an odd
    /// trailing byte counts as the high byte of a last word. Compute it with the checksum field zeroed.
    /// A message that carries its correct checksum sums to zero.
    /// </summary>
    public static ushort Compute(ReadOnlySpan<byte> message)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < message.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(message[i..]);
        }

        if (i < message.Length)
        {
            sum += (uint)message[i] << 8;
        }

        // Fold the carries back in until the sum fits 16 bits (at most twice for 64 KiB).
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
