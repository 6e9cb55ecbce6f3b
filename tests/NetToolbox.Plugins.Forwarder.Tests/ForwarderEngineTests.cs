using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>
/// The data path under stress that the other tests do not reach: many connections at once (several event loops,
/// reused slots), a destination slower than its source (bytes waiting in a pipe until it is writable again),
/// and data immediately followed by end of stream. Each runs on both engines.
/// </summary>
public sealed class ForwarderEngineTests
{
    [Fact]
    public async Task RunAsync_OnLinuxByDefault_RelaysOnTheEpollEngine()
    {
        var logger = new CapturingLogger();
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(
            new() { ["target"] = $"127.0.0.1:{echo.Port}" }, new TestToolContext { Logger = logger });
        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(client, 10_000);

        // The choice is logged once the engine has started, which may be a moment after it relayed its first bytes.
        await Eventually.TrueAsync(
            () => logger.Messages.Any(m => m.Contains("relay engine", StringComparison.Ordinal)), ForwarderRun.Wait, "the engine is logged");
        var expected = OperatingSystem.IsLinux() ? "relay engine epoll" : "relay engine managed";
        Assert.True(
            logger.Messages.Any(m => m.Contains(expected, StringComparison.Ordinal)),
            $"expected \"{expected}\" in: {string.Join(" | ", logger.Messages)}");
    }

    [Fact]
    public async Task RunAsync_ManagedEngineRequested_RelaysOnTheManagedEngine()
    {
        var logger = new CapturingLogger();
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(
            new() { ["target"] = $"127.0.0.1:{echo.Port}" }, new TestToolContext { Logger = logger }, engine: "managed");
        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(client, 10_000);

        await Eventually.TrueAsync(
            () => logger.Messages.Any(m => m.Contains("relay engine managed", StringComparison.Ordinal)), ForwarderRun.Wait, "the managed engine is logged");
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_TwoHundredConnectionsAtOnce_EachEchoedByteExact(string engine)
    {
        await using var echo = new EchoServer(TestSockets.Listen(IPAddress.Loopback, backlog: 512));
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}" }, engine: engine);

        var clients = Enumerable.Range(0, 200).Select(async i =>
        {
            using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
            await TestSockets.EchoRoundTripAsync(client, 16_384 + i);
            client.Shutdown(SocketShutdown.Send);
            return await TestSockets.WaitForCloseAsync(client);
        });
        var closed = await Task.WhenAll(clients);

        Assert.All(closed, Assert.True);
        await Eventually.TrueAsync(() => run.LatestConnections().Count(r => r.Value.IsClosed) == 200, ForwarderRun.Wait, "all 200 rows closed");
        Assert.All(run.LatestConnections().Values, r => Assert.Equal("closed by client", r.CloseReason));
        Assert.Equal(Enumerable.Range(0, 200).Sum(i => 16_384L + i), run.LatestConnections().Values.Sum(r => r.BytesUp));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_TargetReadsSlowly_EveryByteArrivesInOrder(string engine)
    {
        using var server = TestSockets.Listen(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{TestSockets.PortOf(server)}" }, engine: engine);
        var payload = TestSockets.RandomBytes(6 << 20);

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        using var accepted = await TestSockets.AcceptAsync(server);
        // Small, but above loopback's 64 KiB segment size (below it, silly-window avoidance stalls the stream).
        accepted.ReceiveBufferSize = 256 * 1024;
        var sending = Task.Run(async () =>
        {
            await TestSockets.SendAllAsync(client, payload);
            client.Shutdown(SocketShutdown.Send);
        });

        // Small reads drain the target far slower than the client fills it, so the relay keeps hitting a full destination.
        var received = new MemoryStream();
        var chunk = new byte[1500];
        int read;
        while ((read = await accepted.ReceiveAsync(chunk.AsMemory(), SocketFlags.None).AsTask().WaitAsync(ForwarderRun.Wait)) > 0)
        {
            received.Write(chunk, 0, read);
        }

        await sending;
        Assert.Equal(payload.Length, received.Length);
        Assert.True(payload.AsSpan().SequenceEqual(received.ToArray()), "bytes differ");
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("managed")]
    public async Task RunAsync_SmallMessageFollowedAtOnceByEndOfStream_BothArriveEveryTime(string engine)
    {
        using var server = TestSockets.Listen(IPAddress.Loopback, backlog: 128);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{TestSockets.PortOf(server)}" }, engine: engine);

        for (var i = 0; i < 50; i++)
        {
            var message = TestSockets.RandomBytes(1 + (i * 37));
            using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
            await client.SendAsync(message);
            client.Shutdown(SocketShutdown.Send);
            using var accepted = await TestSockets.AcceptAsync(server);

            var received = await TestSockets.ReadToEndAsync(accepted);
            Assert.True(message.AsSpan().SequenceEqual(received), $"connection {i}: bytes differ");
            await accepted.SendAsync(message);
            accepted.Shutdown(SocketShutdown.Send);
            var echoed = await TestSockets.ReadToEndAsync(client);
            Assert.True(message.AsSpan().SequenceEqual(echoed), $"connection {i}: reply differs");
        }
    }

    [Fact]
    public async Task RunAsync_TwoThousandIdleConnections_StatsKeepFlowingWithoutRowsForIdleOnes()
    {
        const int Count = 2000;
        await using var echo = new EchoServer(TestSockets.Listen(IPAddress.Loopback, backlog: 4096));
        await using var run = await ForwarderRun.StartAsync(new()
        {
            ["target"] = $"127.0.0.1:{echo.Port}",
            ["maxConnections"] = "5000",
        });
        var clients = new List<Socket>(Count);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
                clients.Add(client);
                await TestSockets.EchoRoundTripAsync(client, 1);
            }

            // Once every connection is open and its one byte counted, idle connections raise no events of their own:
            // the run keeps getting its aggregated samples each interval and nothing per connection.
            await run.Harness.WaitForAsync<SampleEvent>(s => s.Series == "connections" && s.Value == Count, ForwarderRun.Wait);
            await Eventually.TrueAsync(
                () => run.LatestConnections().Values.Count(r => r.BytesUp == 1 && r.BytesDown == 1) == Count,
                ForwarderRun.Wait,
                "every connection's row shows its byte");
            var mark = run.Harness.Events.Count;
            await Eventually.TrueAsync(
                () => run.Harness.Events.Skip(mark).OfType<SampleEvent>().Count(s => s.Series == "connections") >= 5,
                ForwarderRun.Wait,
                "five more connection samples");

            var later = run.Harness.Events.Skip(mark).ToList();
            Assert.All(later.OfType<SampleEvent>().Where(s => s.Series == "connections"), s => Assert.Equal(Count, s.Value));
            Assert.DoesNotContain(later.OfType<RowEvent>(), r => r.Table == "connections");
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
