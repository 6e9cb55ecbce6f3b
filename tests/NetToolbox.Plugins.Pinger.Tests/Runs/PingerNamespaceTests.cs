using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Tests.Infrastructure;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

/// <summary>Loss, partial sweeps and errors, inside network namespaces the tests create (never the host's own interfaces).</summary>
public sealed class PingerNamespaceTests : IDisposable
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);
    private readonly TwoHostLan _lan = new();

    public void Dispose() => _lan.Dispose();

    [Theory]
    [InlineData("10.77.0.0/27", "10.77.0.1", "10.77.0.2", 30)]
    [InlineData("fd77::/123", "fd77::1", "fd77::2", 31)]
    public async Task RunAsync_SweepWhereOnlyTwoAnswer_DownRowsForTheRestInAboutOneTimeout(string range, string self, string peer, int hosts)
    {
        var started = TimeProvider.System.GetTimestamp();
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("range", range), ("timeout", "1s"));
        var took = TimeProvider.System.GetElapsedTime(started);

        var rows = events.OfType<RowEvent>().Where(r => r.Table == "hosts").ToDictionary(r => r.Key!);
        Assert.Equal(hosts, rows.Count);
        Assert.Equal(new[] { self, peer }.Order(), rows.Values.Where(r => r.Values[1]!.GetValue<string>() == "up").Select(r => r.Key!).Order());
        Assert.All(rows.Values.Where(r => r.Key != self && r.Key != peer), r =>
        {
            Assert.Equal("down", r.Values[1]!.GetValue<string>());
            Assert.Null(r.Values[2]);
        });
        var result = events.Result();
        Assert.True(result.Success);
        Assert.Equal(2, result.Long("up"));
        Assert.Equal(hosts - 2, result.Long("down"));

        // Probed one after another, the silent addresses alone would take hosts-2 timeouts (28+ s).
        Assert.True(took < TimeSpan.FromSeconds(10), $"sweep took {took}");
    }

    [Fact]
    public async Task RunAsync_SweepCancelledWhileProbesWait_StopsPromptlyWithPartialResult()
    {
        await using var harness = PingerRun.Start(_lan.Sockets, ("range", "10.77.0.0/27"), ("timeout", "10s"), ("concurrency", "4"));

        await harness.WaitForAsync<RowEvent>(r => r.Key == "10.77.0.2", RunBound);
        var took = await harness.CancelAsync(TimeSpan.FromSeconds(5));

        Assert.True(took < TimeSpan.FromSeconds(2), $"cancellation took {took}");
        var result = Assert.IsType<ResultEvent>(harness.Events[^1]);
        Assert.Equal(2, result.Long("up"));
        Assert.True(result.Long("probed") < 30);
        Assert.Contains("not probed (stopped)", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.77.0.3")]
    [InlineData("fd77::3")]
    public async Task RunAsync_HostThatNeverAnswers_EveryProbeReportedAsTimeoutAndLoss(string host)
    {
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", host), ("count", "3"), ("interval", "200ms"), ("timeout", "500ms"));

        Assert.Equal(3, events.Lines($@"^Request timeout for icmp_seq=\d \(no answer from {host.Replace(".", "\\.", StringComparison.Ordinal)} within 500 ms\)$").Count);
        Assert.Equal([500.0, 500.0, 500.0], events.Samples("timeout"));
        Assert.Empty(events.Samples("rtt"));
        Assert.Single(events.Lines(@"^3 packets transmitted, 0 received, 100% packet loss, time \d+ms$"));
        var result = events.Result();
        Assert.False(result.Success);
        Assert.Equal(100, result.Double("lossPercent"));
        Assert.Null(result.Data!["avgMs"]);
    }

    [Fact]
    public async Task RunAsync_PeerOverVeth_RepliesWithPeerTtl()
    {
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "fd77::2"), ("count", "2"), ("interval", "100ms"), ("source", "va"));

        Assert.Equal(2, events.Lines(@"^64 bytes from fd77::2: icmp_seq=\d ttl=64 time=").Count);
        Assert.Equal(2, events.Result().Long("received"));
    }

    [Fact]
    public async Task RunAsync_BoundToAnotherInterface_ProbesLeaveThroughItAndGetNoReply()
    {
        // SO_BINDTODEVICE: through va the peer answers; through lo the same probes never reach it.
        var throughVeth = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "10.77.0.2"), ("count", "2"), ("interval", "100ms"), ("timeout", "500ms"), ("source", "va"));
        var throughLoopback = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "10.77.0.2"), ("count", "2"), ("interval", "100ms"), ("timeout", "500ms"), ("source", "lo"));

        Assert.Equal(2, throughVeth.Result().Long("received"));
        Assert.Equal(0, throughLoopback.Result().Long("received"));
        Assert.False(throughLoopback.Result().Success);
    }

    [Fact]
    public async Task RunAsync_NoRouteToHost_SendErrorsReportedAndCountedAsErrors()
    {
        // The namespace has no default route, so the kernel refuses each send, as ping reports "Network is unreachable".
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "10.99.0.1"), ("count", "2"), ("interval", "100ms"));

        Assert.Equal(2, events.Lines(@"^10\.99\.0\.1: icmp_seq=\d sendto: Network is unreachable$").Count);
        Assert.Equal(2, events.Samples("error").Count);
        var result = events.Result();
        Assert.False(result.Success);
        Assert.Equal(2, result.Long("errors"));
        Assert.Contains("+2 errors", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TcpModeToSilentAddress_TimeoutIsLoss()
    {
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "10.77.0.4"), ("mode", "tcp"), ("port", "80"), ("count", "2"), ("interval", "100ms"), ("timeout", "400ms"));

        Assert.Equal(2, events.Lines(@"^Request timeout for tcp_seq=\d \(no answer from 10\.77\.0\.4:80 within 400 ms\)$").Count);
        var result = events.Result();
        Assert.False(result.Success);
        Assert.Equal(100, result.Double("lossPercent"));
    }

    [Fact]
    public async Task RunAsync_TcpModeToListenerOnPeer_ConnectsAcrossVeth()
    {
        using var listener = _lan.Far.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse("10.77.0.2"), 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);

        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", "10.77.0.2"), ("mode", "tcp"), ("port", port), ("count", "2"), ("interval", "100ms"));

        Assert.Equal(2, events.Lines($@"^Connected to 10\.77\.0\.2:{port}: tcp_seq=\d time=").Count);
    }
}
