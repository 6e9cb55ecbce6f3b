using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Icmp;

/// <summary>Builds ICMP/ICMPv6 echo requests and reads the replies and errors that answer them.</summary>
internal static class IcmpMessage
{
    /// <summary>Type, code, checksum, identifier, sequence.</summary>
    public const int HeaderLength = 8;

    private const byte EchoRequestV4 = 8;
    private const byte EchoReplyV4 = 0;
    private const byte EchoRequestV6 = 128;
    private const byte EchoReplyV6 = 129;
    private const int Ipv6HeaderLength = 40;
    private const byte ProtocolIcmp = 1;
    private const byte ProtocolIcmpV6 = 58;

    /// <summary>
    /// An echo request with <paramref name="payloadSize"/> data bytes. Like iputils, byte i of the data is (byte)i.
    /// IPv4 carries its RFC 1071 checksum; for ICMPv6 the kernel fills it in (it covers a pseudo-header
    /// with the source address, which only the kernel knows when the packet leaves).
    /// </summary>
    public static byte[] BuildEchoRequest(AddressFamily family, ushort identifier, ushort sequence, int payloadSize)
    {
        var packet = new byte[HeaderLength + payloadSize];
        packet[0] = family == AddressFamily.InterNetworkV6 ? EchoRequestV6 : EchoRequestV4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        for (var i = 0; i < payloadSize; i++)
        {
            packet[HeaderLength + i] = (byte)i;
        }

        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), IcmpChecksum.Compute(packet));
        }

        return packet;
    }

    /// <summary>
    /// Reads an ICMP message (starting at its type byte) that may answer one of our echo requests:
    /// an echo reply, or an error that quotes our request. Anything else (other processes' requests,
    /// redirects, neighbour discovery) yields false.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> icmp, AddressFamily family, out IcmpAnswer answer)
    {
        answer = default;
        if (icmp.Length < HeaderLength)
        {
            return false;
        }

        var type = icmp[0];
        var code = icmp[1];
        if (type == (family == AddressFamily.InterNetworkV6 ? EchoReplyV6 : EchoReplyV4))
        {
            answer = new IcmpAnswer(
                false,
                BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]),
                BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
                null,
                null);
            return true;
        }

        var error = family == AddressFamily.InterNetworkV6
            ? IcmpErrorText.DescribeV6(type, code, BinaryPrimitives.ReadUInt32BigEndian(icmp[4..]))
            : IcmpErrorText.DescribeV4(type, code);
        if (error is null)
        {
            return false;
        }

        // An error quotes the offending packet: its IP header, then at least 8 bytes of our echo request.
        var quoted = icmp[HeaderLength..];
        return family == AddressFamily.InterNetworkV6
            ? TryReadQuotedV6(quoted, error, out answer)
            : TryReadQuotedV4(quoted, error, out answer);
    }

    private static bool TryReadQuotedV4(ReadOnlySpan<byte> quoted, string error, out IcmpAnswer answer)
    {
        answer = default;
        if (quoted.Length < 20 || quoted[0] >> 4 != 4 || quoted[9] != ProtocolIcmp)
        {
            return false;
        }

        var headerLength = (quoted[0] & 0x0F) * 4;
        if (headerLength < 20 || quoted.Length < headerLength + HeaderLength || quoted[headerLength] != EchoRequestV4)
        {
            return false;
        }

        var echo = quoted[headerLength..];
        answer = new IcmpAnswer(
            true,
            BinaryPrimitives.ReadUInt16BigEndian(echo[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(echo[6..]),
            new IPAddress(quoted.Slice(16, 4)),
            error);
        return true;
    }

    private static bool TryReadQuotedV6(ReadOnlySpan<byte> quoted, string error, out IcmpAnswer answer)
    {
        answer = default;

        // Our requests carry no extension headers, so the echo request follows the fixed header directly.
        if (quoted.Length < Ipv6HeaderLength + HeaderLength || quoted[0] >> 4 != 6 || quoted[6] != ProtocolIcmpV6
            || quoted[Ipv6HeaderLength] != EchoRequestV6)
        {
            return false;
        }

        var echo = quoted[Ipv6HeaderLength..];
        answer = new IcmpAnswer(
            true,
            BinaryPrimitives.ReadUInt16BigEndian(echo[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(echo[6..]),
            new IPAddress(quoted.Slice(24, 16)),
            error);
        return true;
    }
}

/// <summary>What an ICMP message says about one of our echo requests.</summary>
/// <param name="IsError">False for an echo reply, true for an error quoting our request.</param>
/// <param name="Identifier">The echo identifier (of the reply, or of the quoted request).</param>
/// <param name="Sequence">The echo sequence number.</param>
/// <param name="QuotedDestination">For errors: where the quoted request was going.</param>
/// <param name="Error">For errors: ping's wording, e.g. "Destination Host Unreachable".</param>
internal readonly record struct IcmpAnswer(bool IsError, ushort Identifier, ushort Sequence, IPAddress? QuotedDestination, string? Error);
