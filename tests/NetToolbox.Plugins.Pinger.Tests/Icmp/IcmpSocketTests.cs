using System.Net;
using System.Net.Sockets;
using NetToolbox.Plugins.Pinger.Icmp;

namespace NetToolbox.Plugins.Pinger.Tests.Icmp;

/// <summary>The raw socket's receive side on real loopback: header parsing and control messages.</summary>
public sealed class IcmpSocketTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ReceiveAsync_OwnEchoReply_CarriesSourceHopLimitAndKernelTimestamp(string host)
    {
        var target = IPAddress.Parse(host);
        using var socket = IcmpSocket.TryOpen(target.AddressFamily, null, null, SystemSocketFactory.Instance, out var error);
        Assert.True(socket is not null, error);
        var identifier = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        var before = DateTimeOffset.UtcNow;
        await socket.Socket.SendToAsync(IcmpMessage.BuildEchoRequest(target.AddressFamily, identifier, 1, 56), SocketFlags.None, new IPEndPoint(target, 0));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[70000];
        IcmpDatagram? reply;
        IcmpAnswer answer;
        do
        {
            reply = await socket.ReceiveAsync(buffer, deadline.Token);
        }
        while (reply is null
            || !IcmpMessage.TryParse(buffer.AsSpan(reply.Offset, reply.Length), target.AddressFamily, out answer)
            || answer.Identifier != identifier);

        Assert.Equal(target, reply.Source);
        Assert.Equal(64, reply.Length);
        Assert.Equal(64, reply.Ttl);
        var received = DateTimeOffset.UnixEpoch.AddTicks(reply.ReceivedUnixNs!.Value / 100);
        Assert.InRange(received, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
