using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Icmp;
using NetToolbox.Plugins.Pinger.Tests.Infrastructure;

namespace NetToolbox.Plugins.Pinger.Tests.Icmp;

/// <summary>
/// Replies are matched by identifier, sequence and source. In a namespace whose kernel ignores echo requests,
/// the test answers the pinger itself with crafted replies: right ones, and ones with another identifier,
/// another sequence number, or from another address — which a raw socket receives too and must ignore.
/// </summary>
public sealed class ReplyMatchingTests : IDisposable
{
    private readonly NetNamespace _space = NetNamespace.Create("pgm");

    public ReplyMatchingTests() => _space.Sysctl("net.ipv4.icmp_echo_ignore_all", "1");

    public void Dispose() => _space.Dispose();

    [Fact]
    public async Task RunAsync_ForeignIdentifierSequenceOrSource_IgnoredOnlyMatchingReplyCounts()
    {
        using var responderStop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var responder = RespondAsync(responderStop.Token);

        var events = await PingerRun.ToEndAsync(new NamespaceSocketFactory(_space), TimeSpan.FromSeconds(20),
            ("host", "127.0.0.1"), ("count", "2"), ("interval", "300ms"), ("timeout", "1s"));
        await responderStop.CancelAsync();
        var answered = await responder;

        Assert.Equal([1, 2], answered);
        Assert.Single(events.Lines(@"^64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time="));
        Assert.Single(events.Lines(@"^Request timeout for icmp_seq=2 "));
        Assert.Single(events.Samples("rtt"));
        var result = events.Result();
        Assert.Equal(2, result.Long("transmitted"));
        Assert.Equal(1, result.Long("received"));
        Assert.Equal(50, result.Double("lossPercent"));
    }

    /// <summary>Answers each echo request: seq 1 with decoys then the real reply, seq 2 with decoys only. Returns the sequences seen.</summary>
    private async Task<List<int>> RespondAsync(CancellationToken cancellationToken)
    {
        using var sniffer = _space.CreateSocket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        using var fromTarget = _space.CreateSocket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        using var fromOther = _space.CreateSocket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        fromTarget.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));
        fromOther.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var pinger = new IPEndPoint(IPAddress.Loopback, 0);
        var seen = new List<int>();
        var buffer = new byte[2048];
        try
        {
            while (seen.Count < 2)
            {
                var length = await sniffer.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                var icmp = buffer.AsSpan((buffer[0] & 0x0F) * 4, length - ((buffer[0] & 0x0F) * 4));
                var sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]);
                if (icmp[0] != 8 || seen.Contains(sequence))
                {
                    continue;
                }

                seen.Add(sequence);
                var identifier = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]);
                var payload = icmp[8..].ToArray();
                await fromTarget.SendToAsync(Reply((ushort)(identifier ^ 0xFFFF), sequence, payload), pinger, cancellationToken);
                await fromTarget.SendToAsync(Reply(identifier, (ushort)(sequence + 100), payload), pinger, cancellationToken);
                await fromOther.SendToAsync(Reply(identifier, sequence, payload), pinger, cancellationToken);
                if (sequence == 1)
                {
                    await fromTarget.SendToAsync(Reply(identifier, sequence, payload), pinger, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return seen;
    }

    private static byte[] Reply(ushort identifier, ushort sequence, byte[] payload)
    {
        var reply = IcmpMessage.BuildEchoRequest(AddressFamily.InterNetwork, identifier, sequence, 0).Concat(payload).ToArray();
        reply[0] = 0;
        reply[2] = reply[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), IcmpChecksum.Compute(reply));
        return reply;
    }
}
