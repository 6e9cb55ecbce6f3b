using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetToolbox.Plugins.Pinger.Icmp;

namespace NetToolbox.Plugins.Pinger.Tests.Icmp;

public sealed class IcmpMessageTests
{
    [Fact]
    public void BuildEchoRequest_Ipv6_HasType128AndLeavesChecksumToKernel()
    {
        var packet = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetworkV6, 1, 2, 56);

        Assert.Equal(64, packet.Length);
        Assert.Equal(128, packet[0]);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        Assert.Equal(10, packet[8 + 10]);
    }

    [Fact]
    public void TryParse_EchoReplyV4_ReadsIdentifierAndSequence()
    {
        var reply = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, 0x1234, 0x0102, 8);
        reply[0] = 0;

        Assert.True(IcmpMessage.TryParse(reply, AddressFamily.InterNetwork, out var answer));
        Assert.False(answer.IsError);
        Assert.Equal(0x1234, answer.Identifier);
        Assert.Equal(0x0102, answer.Sequence);
    }

    [Fact]
    public void TryParse_EchoRequest_IsNotAnAnswer()
    {
        var request = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, 1, 1, 8);

        Assert.False(IcmpMessage.TryParse(request, AddressFamily.InterNetwork, out _));
    }

    [Fact]
    public void TryParse_RedirectV4_IsIgnored()
    {
        var redirect = Quote(5, 1, IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, 1, 1, 8), IPAddress.Parse("192.0.2.9"));

        Assert.False(IcmpMessage.TryParse(redirect, AddressFamily.InterNetwork, out _));
    }

    [Fact]
    public void TryParse_TimeExceededQuotingOurRequest_ReportsErrorForThatProbe()
    {
        var request = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, 0xABCD, 42, 56);
        var error = Quote(11, 0, request, IPAddress.Parse("192.0.2.9"));

        Assert.True(IcmpMessage.TryParse(error, AddressFamily.InterNetwork, out var answer));
        Assert.True(answer.IsError);
        Assert.Equal(0xABCD, answer.Identifier);
        Assert.Equal(42, answer.Sequence);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), answer.QuotedDestination);
        Assert.Equal("Time to live exceeded", answer.Error);
    }

    [Fact]
    public void TryParse_Ipv6AddressUnreachable_ReportsErrorForThatProbe()
    {
        var request = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetworkV6, 7, 9, 16);
        var destination = IPAddress.Parse("2001:db8::5");
        var quoted = new byte[40 + request.Length];
        quoted[0] = 0x60;
        quoted[6] = 58;
        destination.GetAddressBytes().CopyTo(quoted, 24);
        request.CopyTo(quoted, 40);
        var error = new byte[8 + quoted.Length];
        error[0] = 1;
        error[1] = 3;
        quoted.CopyTo(error, 8);

        Assert.True(IcmpMessage.TryParse(error, AddressFamily.InterNetworkV6, out var answer));
        Assert.Equal("Destination unreachable: Address unreachable", answer.Error);
        Assert.Equal(destination, answer.QuotedDestination);
        Assert.Equal(9, answer.Sequence);
    }

    private static byte[] Quote(byte type, byte code, byte[] request, IPAddress destination)
    {
        var message = new byte[8 + 20 + request.Length];
        message[0] = type;
        message[1] = code;
        message[8] = 0x45;
        message[8 + 9] = 1;
        destination.GetAddressBytes().CopyTo(message, 8 + 16);
        request.CopyTo(message, 28);
        return message;
    }
}
