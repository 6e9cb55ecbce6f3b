using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder.Tests;

public sealed class ForwarderLimitTests
{
    [Fact]
    public async Task RunAsync_TargetRefuses_ClosesThatConnectionAndKeepsListening()
    {
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{TestSockets.ClosedPort()}" });

        for (var i = 1; i <= 2; i++)
        {
            using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
            Assert.True(await TestSockets.WaitForCloseAsync(client));
            var id = i;
            var row = await run.WaitForConnectionAsync(r => r.Id == id && r.IsClosed);
            Assert.Equal("refused", row.CloseReason);
            Assert.Null(row.Remote);
        }

        await run.Harness.WaitForAsync<LogEvent>(e => e.Text.Contains("could not reach the target: refused", StringComparison.Ordinal), TestSockets.Wait);
        Assert.False(run.Harness.Completion.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_MoreClientsThanMaxConnections_ExcessClosedCleanlyOthersServed()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}", ["maxConnections"] = "1" });
        using var first = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(first, 1000);

        using (var excess = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port))
        {
            Assert.True(await TestSockets.WaitForCloseAsync(excess), "the excess client reads end of stream");
        }

        await run.Harness.WaitForAsync<LogEvent>(e => e.Text.Contains("limit of 1 open connections", StringComparison.Ordinal), TestSockets.Wait);
        await TestSockets.EchoRoundTripAsync(first, 1000);
        Assert.Equal(1, echo.AcceptedCount);

        first.Shutdown(SocketShutdown.Send);
        Assert.True(await TestSockets.WaitForCloseAsync(first));
        await run.WaitForConnectionAsync(r => r.Id == 1 && r.IsClosed);
        using var next = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(next, 1000);
    }

    [Fact]
    public async Task RunAsync_ConnectionIdleLongerThanIdleTimeout_ClosedWhileBusyOneStaysOpen()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}", ["idleTimeout"] = "400ms" });
        using var idle = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(idle, 100);
        using var busy = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);

        var idleClosed = TestSockets.WaitForCloseAsync(idle);
        var deadline = DateTime.UtcNow + TestSockets.Wait;
        while (!idleClosed.IsCompleted && DateTime.UtcNow < deadline)
        {
            await TestSockets.EchoRoundTripAsync(busy, 100);
        }

        Assert.True(await idleClosed, "the idle connection should be closed");
        var idleClient = TestSockets.LocalText(idle);
        var row = await run.WaitForConnectionAsync(r => r.Client == idleClient && r.IsClosed);
        Assert.Equal("idle timeout", row.CloseReason);
        Assert.True(row.Duration >= 0.4, $"closed after {row.Duration} s");
        await TestSockets.EchoRoundTripAsync(busy, 100);
        var busyClient = TestSockets.LocalText(busy);
        Assert.False(run.LatestConnections().Values.Single(r => r.Client == busyClient).IsClosed);
    }
}
