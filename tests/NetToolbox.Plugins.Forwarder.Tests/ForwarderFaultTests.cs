using System.Net;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>
/// An unexpected exception inside an epoll loop (injected here through the run's clock, which the loop reads when
/// a connection is accepted and when it closes) costs only the connection it struck: that client is closed
/// rather than left hanging, its place under maxConnections is given back, and the loop's other connections
/// keep relaying.
/// </summary>
public sealed class ForwarderFaultTests
{
    [Fact]
    public async Task RunAsync_LoopFaultsWhileAccepting_OnlyThatClientIsClosed()
    {
        var clock = new LoopFaultingClock();
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(
            new() { ["target"] = $"127.0.0.1:{echo.Port}", ["maxConnections"] = "2" }, new TestToolContext(clock));
        using var before = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(before, 4096);

        clock.FailOnLoop(skip: 0); // the next clock read on a loop: accepting the next client
        using (var struck = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port))
        {
            Assert.True(await TestSockets.WaitForCloseAsync(struck), "the struck client is closed, not left hanging");
        }

        Assert.True(clock.Struck, "the fault was injected");
        using var after = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(after, 4096);
        await TestSockets.EchoRoundTripAsync(before, 4096);
    }

    [Fact]
    public async Task RunAsync_LoopFaultsWhileClosing_TheConnectionsPlaceIsGivenBack()
    {
        var clock = new LoopFaultingClock();
        await using var echo = EchoServer.OnLoopback(IPAddress.Loopback);
        await using var run = await ForwarderRun.StartAsync(
            new() { ["target"] = $"127.0.0.1:{echo.Port}", ["maxConnections"] = "1" }, new TestToolContext(clock));

        clock.FailOnLoop(skip: 1); // the accept reads the clock first, the close second
        using (var struck = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port))
        {
            await TestSockets.EchoRoundTripAsync(struck, 4096);
            struck.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            Assert.True(await TestSockets.WaitForCloseAsync(struck), "the struck connection is closed");
        }

        await Eventually.TrueAsync(() => clock.Struck, ForwarderRun.Wait, "the fault was injected");

        // With one connection allowed, a place not given back would refuse this client.
        using var next = await TestSockets.ConnectAsync(IPAddress.Loopback, run.Port);
        await TestSockets.EchoRoundTripAsync(next, 4096);
    }

    /// <summary>The system clock, except that it can be told to throw once when read on a forwarder loop's thread.</summary>
    private sealed class LoopFaultingClock : TimeProvider
    {
        private readonly Lock _gate = new();
        private int _skip = -1;
        private volatile bool _struck;

        /// <summary>Whether the armed fault has been thrown.</summary>
        public bool Struck => _struck;

        /// <summary>Arms one fault: the loop's clock read after <paramref name="skip"/> more reads throws.</summary>
        public void FailOnLoop(int skip)
        {
            lock (_gate)
            {
                _skip = skip;
                _struck = false;
            }
        }

        public override long GetTimestamp()
        {
            if (Thread.CurrentThread.Name?.StartsWith("forwarder epoll", StringComparison.Ordinal) == true)
            {
                lock (_gate)
                {
                    if (_skip == 0)
                    {
                        _skip = -1;
                        _struck = true;
                        throw new InvalidOperationException("injected clock fault");
                    }

                    if (_skip > 0)
                    {
                        _skip--;
                    }
                }
            }

            return base.GetTimestamp();
        }
    }
}
