using System.Buffers.Binary;
using System.Net.Sockets;
using NetToolbox.Plugins.Pinger.Icmp;

namespace NetToolbox.Plugins.Pinger.Tests.Icmp;

public sealed class IcmpChecksumTests
{
    [Fact]
    public void Compute_Rfc1071Example_Is220D()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (after folding); the checksum is its complement.
        Assert.Equal(0x220D, IcmpChecksum.Compute([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]));
    }

    [Fact]
    public void Compute_EchoRequestHeader_MatchesHandComputedValue()
    {
        // 0800 + 0000 + 1234 + 0001 = 1a35; complement e5ca.
        Assert.Equal(0xE5CA, IcmpChecksum.Compute([0x08, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x01]));
    }

    [Fact]
    public void Compute_OddLength_PadsLastByteAsHighByte()
    {
        Assert.Equal(0xFEFF, IcmpChecksum.Compute([0x01]));
        Assert.Equal(0xFBFD, IcmpChecksum.Compute([0x01, 0x02, 0x03]));
    }

    [Fact]
    public void Compute_WholeBuiltRequestWithPayload_SumsToZero()
    {
        // The checksum covers the whole message (header and every payload byte), so a built request verifies.
        var packet = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, 0xBEEF, 7, 1001);

        Assert.Equal(0, IcmpChecksum.Compute(packet));
        packet[^1] ^= 0xFF;
        Assert.NotEqual(0, IcmpChecksum.Compute(packet));
        Assert.Equal(0xBEEF, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6)));
    }
}
