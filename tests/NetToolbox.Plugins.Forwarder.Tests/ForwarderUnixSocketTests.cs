using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder.Tests;

public sealed class ForwarderUnixSocketTests : IDisposable
{
    private readonly string _listenPath = TestSockets.TempSocketPath();
    private readonly string _targetPath = TestSockets.TempSocketPath();

    [Fact]
    public async Task RunAsync_UnixListenTcpTarget_RelaysAndDeletesSocketOnStop()
    {
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using (var run = await ForwarderRun.StartAsync(new() { ["listen"] = "unix:" + _listenPath, ["target"] = $"127.0.0.1:{echo.Port}" }))
        {
            Assert.Equal("unix:" + _listenPath, run.Endpoint);
            using var client = await TestSockets.ConnectAsync(new UnixDomainSocketEndPoint(_listenPath));
            await TestSockets.EchoRoundTripAsync(client, 200_000);
            client.Shutdown(SocketShutdown.Send);
            Assert.True(await TestSockets.WaitForCloseAsync(client));

            var row = await run.WaitForConnectionAsync(r => r.IsClosed);
            Assert.Equal($"127.0.0.1:{echo.Port}", row.Remote);
            Assert.Equal(200_000, row.BytesUp);
            Assert.Equal("closed by client", row.CloseReason);
            await run.Harness.CancelAsync(TestSockets.Wait);
        }

        Assert.False(File.Exists(_listenPath), "the socket file is removed on stop");
    }

    [Fact]
    public async Task RunAsync_TcpListenUnixTarget_RelaysByteExact()
    {
        await using var echo = new EchoServer(TestSockets.ListenUnix(_targetPath));
        await using var run = await ForwarderRun.StartAsync(new() { ["target"] = "unix:" + _targetPath });

        using var client = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(client, 1 << 20);
        client.Shutdown(SocketShutdown.Send);
        Assert.True(await TestSockets.WaitForCloseAsync(client));

        var row = await run.WaitForConnectionAsync(r => r.IsClosed);
        Assert.Equal("unix:" + _targetPath, row.Remote);
        Assert.Equal(1 << 20, row.BytesDown);
    }

    [Fact]
    public async Task RunAsync_StaleSocketFileAtListenPath_RemovesItAndListens()
    {
        // .NET deletes a Unix socket's file when the socket is disposed; a crashed process does not. Moving the
        // file away before closing leaves a socket file nobody listens on, as that crash would.
        var bound = _listenPath + ".tmp";
        using (var dead = TestSockets.ListenUnix(bound))
        {
            File.Move(bound, _listenPath);
        }

        Assert.True(File.Exists(_listenPath));
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(new() { ["listen"] = "unix:" + _listenPath, ["target"] = $"127.0.0.1:{echo.Port}" });

        using var client = await TestSockets.ConnectAsync(new UnixDomainSocketEndPoint(_listenPath));
        await TestSockets.EchoRoundTripAsync(client, 1000);
    }

    [Fact]
    public async Task RunAsync_ListenPathInUseByLiveSocket_FailsWithoutTouchingIt()
    {
        using var live = TestSockets.ListenUnix(_listenPath);
        var tool = new ForwarderTool();
        var binding = NetToolbox.Core.Validation.ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?>
        {
            ["listen"] = "unix:" + _listenPath,
            ["target"] = "127.0.0.1:9",
        });

        var events = await NetToolbox.Testing.ToolHarness.RunToEndAsync(tool, binding.Input!.Values, TestSockets.Wait);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Contains("another process is listening", result.Summary, StringComparison.Ordinal);
        using var client = await TestSockets.ConnectAsync(new UnixDomainSocketEndPoint(_listenPath));
        using var accepted = await TestSockets.AcceptAsync(live);
    }

    public void Dispose()
    {
        File.Delete(_listenPath);
        File.Delete(_targetPath);
    }
}
