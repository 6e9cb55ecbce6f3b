using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>Tests that need addresses beyond loopback, all inside a namespace and veth pair this class creates.</summary>
public sealed class ForwarderNamespaceTests(VethNamespace network) : IClassFixture<VethNamespace>
{
    [Fact]
    public async Task RunAsync_TargetNeverAnswers_ClosesConnectionAfterConnectTimeout()
    {
        await using var run = await ForwarderRun.StartAsync(new()
        {
            ["target"] = $"{network.SilentAddress}:80",
            ["connectTimeout"] = "300ms",
        });

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        var connecting = await run.WaitForConnectionAsync(r => r.State == "connecting");
        Assert.Null(connecting.Remote);

        Assert.True(await TestSockets.WaitForCloseAsync(client), "the client should see the connection end");
        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("timeout", row.CloseReason);
        Assert.InRange(row.Duration, 0.25, 5);
        Assert.False(run.Harness.Completion.IsCompleted, "the forwarder keeps listening");
    }

    [Fact]
    public async Task RunAsync_LinkLocalEndpointsWithZone_RelaysThroughInterface()
    {
        var scoped = IPAddress.Parse($"{network.LinkLocal}%{network.HostInterface}");
        Assert.NotEqual(0, scoped.ScopeId);
        await using var echo = new EchoServer(TestSockets.Listen(scoped));
        var literal = $"[{network.LinkLocal}%{network.HostInterface}]";
        await using var run = await ForwarderRun.StartAsync(new()
        {
            ["listen"] = $"{literal}:0",
            ["target"] = $"{literal}:{echo.Port}",
        });

        using var client = await TestSockets.ConnectAsync(new IPEndPoint(scoped, run.Port));
        await TestSockets.EchoRoundTripAsync(client, 64_000);
        client.Shutdown(SocketShutdown.Send);
        Assert.True(await TestSockets.WaitForCloseAsync(client));

        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("closed by client", row.CloseReason);
        Assert.StartsWith($"[{network.LinkLocal}%", row.Remote, StringComparison.Ordinal);
    }
}
