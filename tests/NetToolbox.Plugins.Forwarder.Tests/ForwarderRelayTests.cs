using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder.Tests;

public sealed class ForwarderRelayTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", "auto")]
    [InlineData("::1", "[::1]", "auto")]
    [InlineData("127.0.0.1", "127.0.0.1", "managed")]
    [InlineData("::1", "[::1]", "managed")]
    public async Task RunAsync_RandomPayloadBothDirectionsAtOnce_RelaysByteExact(string address, string literal, string engine)
    {
        var ip = IPAddress.Parse(address);
        using var server = TestSockets.Listen(ip);
        await using var run = await ForwarderRun.StartAsync(new()
        {
            ["listen"] = $"{literal}:0",
            ["target"] = $"{literal}:{TestSockets.PortOf(server)}",
        }, engine: engine);
        var up = TestSockets.RandomBytes((4 << 20) + 123);
        var down = TestSockets.RandomBytes((3 << 20) + 7);

        using var client = await TestSockets.ConnectAsync(ip, run.Port);
        using var accepted = await TestSockets.AcceptAsync(server);
        var serverSide = Task.Run(async () =>
        {
            var sending = SendAndShutdownAsync(accepted, down);
            var received = await TestSockets.ReadToEndAsync(accepted);
            await sending;
            return received;
        });
        var clientSending = SendAndShutdownAsync(client, up);
        var clientReceived = await TestSockets.ReadToEndAsync(client);
        await clientSending;
        var serverReceived = await serverSide;

        Assert.Equal(up.Length, serverReceived.Length);
        Assert.True(up.AsSpan().SequenceEqual(serverReceived), "client → target bytes differ");
        Assert.Equal(down.Length, clientReceived.Length);
        Assert.True(down.AsSpan().SequenceEqual(clientReceived), "target → client bytes differ");
        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal(up.Length, row.BytesUp);
        Assert.Equal(down.Length, row.BytesDown);
        Assert.Equal(TestSockets.LocalText(client), row.Client);
        Assert.Equal($"{literal}:{TestSockets.PortOf(server)}", row.Remote);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_ClientShutsDownSendingFirst_ReplyStillArrives(string engine)
    {
        using var server = TestSockets.Listen(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{TestSockets.PortOf(server)}" }, engine: engine);
        var request = TestSockets.RandomBytes(300_000);
        var reply = TestSockets.RandomBytes(1 << 20);

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        using var accepted = await TestSockets.AcceptAsync(server);
        await SendAndShutdownAsync(client, request);

        // The server answers only after it has read the whole request (end of stream), like a request/response protocol.
        var received = await TestSockets.ReadToEndAsync(accepted);
        Assert.True(request.AsSpan().SequenceEqual(received), "request bytes differ");
        await TestSockets.SendAllAsync(accepted, reply);
        accepted.Shutdown(SocketShutdown.Both);

        var answer = await TestSockets.ReadToEndAsync(client);
        Assert.True(reply.AsSpan().SequenceEqual(answer), "reply bytes differ");
        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("closed by client", row.CloseReason);
        Assert.Equal(request.Length, row.BytesUp);
        Assert.Equal(reply.Length, row.BytesDown);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_TargetShutsDownSendingFirst_ClientDataStillArrives(string engine)
    {
        using var server = TestSockets.Listen(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{TestSockets.PortOf(server)}" }, engine: engine);
        var greeting = TestSockets.RandomBytes(256 * 1024);
        var upload = TestSockets.RandomBytes(512 * 1024);

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        using var accepted = await TestSockets.AcceptAsync(server);
        await SendAndShutdownAsync(accepted, greeting);

        var received = await TestSockets.ReadToEndAsync(client);
        Assert.True(greeting.AsSpan().SequenceEqual(received), "greeting bytes differ");
        await SendAndShutdownAsync(client, upload);

        var uploaded = await TestSockets.ReadToEndAsync(accepted);
        Assert.True(upload.AsSpan().SequenceEqual(uploaded), "upload bytes differ");
        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("closed by target", row.CloseReason);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_TargetResetsOneConnection_OnlyThatConnectionClosesWithReason(string engine)
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}" }, engine: engine);
        using var first = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(first, 10_000);
        using var second = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(second, 10_000);
        Assert.Equal(2, echo.AcceptedCount);

        TestSockets.Reset(echo.Accepted(0));

        Assert.True(await TestSockets.WaitForCloseAsync(first), "the reset connection's client should see it end");
        var firstClient = TestSockets.LocalText(first);
        var row = await run.WaitForConnectionAsync(r => r.Client == firstClient && r.IsClosed);
        Assert.Equal("target reset", row.CloseReason);
        await TestSockets.EchoRoundTripAsync(second, 100_000);
        var secondClient = TestSockets.LocalText(second);
        Assert.False(run.LatestConnections().Values.Single(r => r.Client == secondClient).IsClosed);
    }

    [Fact]
    public async Task RunAsync_DualStackListen_AcceptsIPv4AndIPv6Clients()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["listen"] = "[::]:0", ["target"] = $"127.0.0.1:{echo.Port}" });

        using var v4 = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(v4, 50_000);
        using var v6 = await TestSockets.ConnectAsync(IPAddress.IPv6Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(v6, 50_000);

        var v4Client = TestSockets.LocalText(v4);
        var row = await run.WaitForConnectionAsync(r => r.Client == v4Client && r.BytesUp == 50_000);
        Assert.StartsWith("127.0.0.1:", row.Client, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostnameTarget_ResolvesForEachConnection()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"localhost:{echo.Port}" });

        for (var i = 0; i < 2; i++)
        {
            using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
            await TestSockets.EchoRoundTripAsync(client, 20_000);
            client.Shutdown(SocketShutdown.Send);
            Assert.True(await TestSockets.WaitForCloseAsync(client));
        }

        await run.WaitForConnectionAsync(r => r.Id == 2 && r.IsClosed);
        var rows = run.LatestConnections();
        Assert.All(rows.Values, r => Assert.Equal($"127.0.0.1:{echo.Port}", r.Remote));
        Assert.All(rows.Values, r => Assert.Equal("closed by client", r.CloseReason));
    }

    [Fact]
    public async Task RunAsync_LongLivedConnection_RowShowsBytesWhileOpen()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}" });
        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);

        await TestSockets.EchoRoundTripAsync(client, 100_000);
        var live = await run.WaitForConnectionAsync(r => r.BytesUp == 100_000 && r.BytesDown == 100_000);
        Assert.Equal("open", live.State);
        Assert.Null(live.CloseReason);

        await TestSockets.EchoRoundTripAsync(client, 50_000);
        var later = await run.WaitForConnectionAsync(r => r.BytesUp == 150_000 && r.BytesDown == 150_000);
        Assert.Equal("open", later.State);
        Assert.True(later.Duration >= live.Duration);
    }

    private static async Task SendAndShutdownAsync(Socket socket, byte[] data)
    {
        await TestSockets.SendAllAsync(socket, data);
        socket.Shutdown(SocketShutdown.Send);
    }
}
