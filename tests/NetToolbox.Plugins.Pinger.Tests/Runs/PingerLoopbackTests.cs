using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Runs;
using NetToolbox.Plugins.Pinger.Tests.Infrastructure;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

/// <summary>Single-host pings on real sockets over the host's loopback (127.0.0.1 and ::1 only).</summary>
public sealed class PingerLoopbackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("127.0.0.1", @"^64 bytes from 127\.0\.0\.1: icmp_seq=(\d) ttl=64 time=\d+\.\d+ ms$")]
    [InlineData("::1", @"^64 bytes from ::1: icmp_seq=(\d) ttl=64 time=\d+\.\d+ ms$")]
    public async Task RunAsync_LoopbackCountThree_ThreeRepliesFormattedLikePing(string host, string linePattern)
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", host), ("count", "3"), ("interval", "100ms"));

        var lines = events.Lines(linePattern);
        Assert.Equal(["1", "2", "3"], lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, linePattern).Groups[1].Value).Order());
        var rtts = events.Samples("rtt");
        Assert.Equal(3, rtts.Count);
        Assert.Empty(events.Samples("timeout"));
        Assert.Single(events.Lines($@"^--- {System.Text.RegularExpressions.Regex.Escape(host)} ping statistics ---$"));
        Assert.Single(events.Lines(@"^3 packets transmitted, 3 received, 0% packet loss, time \d+ms$"));
        Assert.Single(events.Lines(@"^rtt min/avg/max/mdev = \d+\.\d{3}/\d+\.\d{3}/\d+\.\d{3}/\d+\.\d{3} ms$"));
        Assert.Single(events.Lines(@"^rtt median/p95 = \d+\.\d{3}/\d+\.\d{3} ms$"));

        output.WriteLine(string.Join('\n', events.OfType<LogEvent>().Select(e => e.Text)));
        var result = events.Result();
        Assert.True(result.Success);
        Assert.Equal(3, result.Long("transmitted"));
        Assert.Equal(3, result.Long("received"));
        Assert.Equal(0, result.Double("lossPercent"));
        Assert.Equal(Math.Round(rtts.Min(), 3), result.Double("minMs"), 3);
        Assert.Equal(Math.Round(rtts.Max(), 3), result.Double("maxMs"), 3);
        Assert.InRange(result.Double("avgMs"), result.Double("minMs"), result.Double("maxMs"));
        Assert.InRange(result.Double("p95Ms"), result.Double("medianMs"), result.Double("maxMs"));
        Assert.True(result.Double("mdevMs") >= 0);
        Assert.Contains("3 packets transmitted, 3 received, 0% packet loss", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PayloadSize100_RepliesCarry108IcmpBytes()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "127.0.0.1"), ("count", "1"), ("size", "100"));

        Assert.Single(events.Lines(@"^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 100\(128\) bytes of data, raw ICMP socket\.$"));
        Assert.Single(events.Lines(@"^108 bytes from 127\.0\.0\.1: icmp_seq=1 "));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("lo")]
    public async Task RunAsync_SourceAddressOrInterface_BindsAndStillGetsReplies(string source)
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "127.0.0.1"), ("count", "2"), ("interval", "50ms"), ("source", source));

        Assert.Equal(2, events.Result().Long("received"));
    }

    [Fact]
    public async Task RunAsync_UnknownSourceInterface_FailsNamingTheInterface()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "127.0.0.1"), ("source", "nosuchif0"));

        var result = Assert.Single(events.OfType<ResultEvent>());
        Assert.False(result.Success);
        Assert.Contains("cannot bind to interface 'nosuchif0'", result.Summary, StringComparison.Ordinal);
        Assert.Empty(events.Samples("rtt"));
    }

    [Fact]
    public async Task RunAsync_SourceOfOtherFamily_FailsBeforeSending()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "::1"), ("source", "127.0.0.1"));

        var result = Assert.Single(events.OfType<ResultEvent>());
        Assert.False(result.Success);
        Assert.Contains("source 127.0.0.1 is IPv4 but the target is IPv6", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnresolvableHost_FailsWithResolverMessage()
    {
        // An injected resolver: looking up an unknown name for real would send a DNS query off the machine.
        const string host = "no-such-host";
        var resolverError = new SocketException((int)SocketError.HostNotFound);
        var asked = new List<(string Name, AddressFamily Family)>();
        var resolver = new HostResolver((name, family, _) =>
        {
            asked.Add((name, family));
            return Task.FromException<IPAddress[]>(resolverError);
        });

        var events = await ToolHarness.RunToEndAsync(new PingerTool(SystemSocketFactory.Instance, resolver), PingerRun.Input(("host", host)), RunBound);

        var result = Assert.Single(events.OfType<ResultEvent>());
        Assert.False(result.Success);
        Assert.Equal($"ping: {host}: {resolverError.Message}", result.Summary);
        Assert.Equal([(host, AddressFamily.Unspecified)], asked);
    }

    [Fact]
    public async Task RunAsync_LocalhostByName_ResolvedBySystemResolverAndPinged()
    {
        // The default resolver; localhost comes from /etc/hosts, so no DNS query leaves the machine.
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "localhost"), ("count", "1"));

        Assert.Single(events.Lines(@"^PING localhost \((127\.0\.0\.1|::1)\) 56\(\d+\) bytes of data"));
        Assert.True(events.Result().Success, events.Result().Summary);
        Assert.Equal(1, events.Result().Long("received"));
    }

    [Theory]
    [InlineData("::1", "ipv4", "::1 is an IPv6 address but ipVersion asks for IPv4")]
    [InlineData(null, null, "give a host to ping or a range to sweep")]
    public async Task RunAsync_ArgumentsThatDoNotFitTogether_FailWithClearMessage(string? host, string? ipVersion, string message)
    {
        var arguments = new List<(string, string)>();
        if (host is not null)
        {
            arguments.Add(("host", host));
        }

        if (ipVersion is not null)
        {
            arguments.Add(("ipVersion", ipVersion));
        }

        var events = await PingerRun.ToEndAsync(null, RunBound, [.. arguments]);

        var result = Assert.Single(events);
        Assert.False(((ResultEvent)result).Success);
        Assert.Equal(message, ((ResultEvent)result).Summary);
    }

    [Fact]
    public async Task RunAsync_HostAndRange_FailsAskingForOne()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "127.0.0.1"), ("range", "127.0.0.0/30"));

        Assert.Equal("give either a host or a range, not both", Assert.IsType<ResultEvent>(Assert.Single(events)).Summary);
    }

    [Fact]
    public async Task RunAsync_DestinationDenied_FailsWithPolicyReasonAndSendsNothing()
    {
        var context = new TestToolContext(connectPolicy: _ => DestinationDecision.Deny("loopback is off limits"));

        var events = await ToolHarness.RunToEndAsync(new PingerTool(), PingerRun.Input(("host", "127.0.0.1")), RunBound, context);

        var result = Assert.Single(events.OfType<ResultEvent>());
        Assert.False(result.Success);
        Assert.Contains("loopback is off limits", result.Summary, StringComparison.Ordinal);
        Assert.Empty(events.OfType<SampleEvent>());
    }

    [Fact]
    public async Task RunAsync_ContinuousPingCancelled_StopsPromptlyWithFinalStatistics()
    {
        await using var harness = PingerRun.Start(null, ("host", "::1"), ("count", "0"), ("interval", "50ms"), ("statsEvery", "200ms"));

        await harness.WaitForAsync<SampleEvent>(s => s.Series == "rtt", RunBound);
        await harness.WaitForAsync<RowEvent>(r => r.Key == "stats", RunBound);
        await harness.WaitForAsync<LogEvent>(l => l.Text.StartsWith("::1 : xmt/rcv/%loss = ", StringComparison.Ordinal), RunBound);
        var took = await harness.CancelAsync(TimeSpan.FromSeconds(5));

        Assert.True(harness.Completion.IsCompletedSuccessfully, "the run should end by itself after cancellation");
        output.WriteLine($"cancellation took {took.TotalMilliseconds:0.0} ms");
        Assert.True(took < TimeSpan.FromSeconds(2), $"cancellation took {took}");
        var result = Assert.IsType<ResultEvent>(harness.Events[^1]);
        Assert.True(result.Long("transmitted") >= 2);
        Assert.Equal(result.Long("transmitted"), result.Long("received"));
        Assert.Single(harness.Events.Lines(@"^--- ::1 ping statistics ---$"));
    }

    [Fact]
    public async Task RunAsync_TcpModeAgainstListener_TimesConnectsOverIpv4AndIpv6()
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var listener = new TcpListener(address, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var events = await PingerRun.ToEndAsync(null, RunBound, ("host", address.ToString()), ("mode", "tcp"), ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("count", "3"), ("interval", "50ms"));

            var endpoint = address.AddressFamily == AddressFamily.InterNetworkV6 ? $@"\[::1\]:{port}" : $@"127\.0\.0\.1:{port}";
            Assert.Equal(3, events.Lines($@"^Connected to {endpoint}: tcp_seq=\d time=\d+\.\d+ ms$").Count);
            Assert.Equal(3, events.Samples("rtt").Count);
            var result = events.Result();
            Assert.True(result.Success);
            Assert.Equal("tcp", result.Data!["mode"]!.GetValue<string>());
            Assert.Equal(3, result.Long("received"));
        }
    }

    [Fact]
    public async Task RunAsync_TcpModeClosedPort_CountsRefusalAsHostAnswering()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var events = await PingerRun.ToEndAsync(null, RunBound, ("host", "127.0.0.1"), ("mode", "tcp"), ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("count", "2"), ("interval", "50ms"));

        Assert.Equal(2, events.Lines($@"^Refused by 127\.0\.0\.1:{port} \(port closed, host is up\): tcp_seq=\d time=").Count);
        var result = events.Result();
        Assert.True(result.Success);
        Assert.Equal(2, result.Long("received"));
        Assert.Equal(0, result.Double("lossPercent"));
    }
}
