using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Forwarder.Tests;

public sealed class ForwarderLifecycleTests
{
    [Fact]
    public async Task RunAsync_Cancelled_ClosesListenerAndConnectionsAndReportsTotals()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}" });
        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(client, 4096);
        await run.WaitForConnectionAsync(r => r.State == "open");

        var took = await run.Harness.CancelAsync(TimeSpan.FromSeconds(2));

        Assert.True(run.Harness.Completion.IsCompletedSuccessfully, $"the run should end within 2 s (took {took})");
        Assert.True(await TestSockets.WaitForCloseAsync(client, TimeSpan.FromSeconds(2)), "the open connection is closed");
        var refused = await Assert.ThrowsAsync<SocketException>(() => TestSockets.ConnectAsync(IPAddress.Loopback, run.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        var row = run.LatestConnections()[1];
        Assert.Equal("stopped", row.CloseReason);
        var result = Assert.IsType<ResultEvent>(run.Harness.Events[^1]);
        Assert.True(result.Success);
        Assert.Equal(1, result.Data!["connections"]!.GetValue<long>());
        Assert.Equal(4096, result.Data["bytesUp"]!.GetValue<long>());
        Assert.Equal(4096, result.Data["bytesDown"]!.GetValue<long>());
        Assert.Contains(run.Harness.Events.OfType<SampleEvent>(), s => s.Series == "throughput" && s.Unit == "bit/s");
        Assert.Contains(run.Harness.Events.OfType<SampleEvent>(), s => s.Series == "connections" && s.Value == 1);
    }

    [Fact]
    public async Task RunAsync_ListenDeniedByPolicy_FailsWithReason()
    {
        var context = new TestToolContext(connectPolicy: _ => DestinationDecision.Deny("not on the allowlist"));

        var result = await RunToResultAsync(new() { ["target"] = "127.0.0.1:9" }, context);

        Assert.False(result.Success);
        Assert.Contains("not on the allowlist", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TargetDeniedByPolicy_ClosesConnectionWithReason()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        var context = new TestToolContext(connectPolicy: endpoint => endpoint is IPEndPoint ip && ip.Port == echo.Port
            ? DestinationDecision.Deny("target not allowed")
            : DestinationDecision.Allow);
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = $"127.0.0.1:{echo.Port}" }, context);

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        Assert.True(await TestSockets.WaitForCloseAsync(client));

        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("denied: target not allowed", row.CloseReason);
        Assert.Equal(0, echo.AcceptedCount);
    }

    [Fact]
    public async Task RunAsync_ListenPortInUse_FailsWithReason()
    {
        using var taken = TestSockets.Listen(IPAddress.Loopback);

        var result = await RunToResultAsync(new() { ["listen"] = $"127.0.0.1:{TestSockets.PortOf(taken)}", ["target"] = "127.0.0.1:9" });

        Assert.False(result.Success);
        Assert.Contains("address already in use", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[fe80::1%nosuchif0]:22", "no network interface named 'nosuchif0'")]
    [InlineData("127.0.0.1:0", "needs a port other than 0")]
    public async Task RunAsync_UnusableTarget_FailsBeforeListening(string target, string expected)
    {
        var result = await RunToResultAsync(new() { ["target"] = target });

        Assert.False(result.Success);
        Assert.Contains(expected, result.Summary, StringComparison.Ordinal);
    }

    private static async Task<ResultEvent> RunToResultAsync(Dictionary<string, string?> arguments, TestToolContext? context = null)
    {
        var tool = new ForwarderTool();
        var binding = ArgumentBinder.Bind(tool.Descriptor, arguments);
        Assert.True(binding.IsValid);
        var events = await ToolHarness.RunToEndAsync(tool, binding.Input!.Values, TimeSpan.FromSeconds(10), context);
        Assert.DoesNotContain(events, e => e is RowEvent);
        return Assert.IsType<ResultEvent>(events[^1]);
    }
}
