using NetToolbox.Plugins.Pinger.Tests.Infrastructure;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

/// <summary>
/// ICMP errors from a router: the far namespace forwards, sends probes for 10.78.0.0/24 and fd78::/64 back
/// (so TTL/hop limit 1 expires there) and has unreachable routes for 10.78.1.0/24 and fd78:0:1::/64.
/// </summary>
public sealed class RouterErrorTests : IDisposable
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(20);
    private readonly TwoHostLan _lan = new();

    public RouterErrorTests()
    {
        _lan.Far.Sysctl("net.ipv4.ip_forward", "1");
        _lan.Far.Sysctl("net.ipv6.conf.all.forwarding", "1");
        _lan.Near.IpIn("route", "add", "10.78.0.0/16", "via", "10.77.0.2");
        _lan.Near.IpIn("-6", "route", "add", "fd78::/32", "via", "fd77::2");
        _lan.Far.IpIn("route", "add", "10.78.0.0/24", "via", "10.77.0.1");
        _lan.Far.IpIn("-6", "route", "add", "fd78::/64", "via", "fd77::1");
        _lan.Far.IpIn("route", "add", "unreachable", "10.78.1.0/24");
        _lan.Far.IpIn("-6", "route", "add", "unreachable", "fd78:0:1::/64");
    }

    public void Dispose() => _lan.Dispose();

    [Theory]
    [InlineData("10.78.0.1", "1", @"^From 10\.77\.0\.2 icmp_seq=\d Time to live exceeded$")]
    [InlineData("fd78::1", "1", @"^From fd77::2 icmp_seq=\d Time exceeded: Hop limit$")]
    [InlineData("10.78.1.1", "64", @"^From 10\.77\.0\.2 icmp_seq=\d Destination Host Unreachable$")]
    [InlineData("fd78:0:1::1", "64", @"^From fd77::2 icmp_seq=\d Destination unreachable: No route$")]
    public async Task RunAsync_RouterAnswersWithError_ErrorLinesAndErrorCount(string host, string ttl, string linePattern)
    {
        var events = await PingerRun.ToEndAsync(_lan.Sockets, RunBound, ("host", host), ("count", "2"), ("interval", "100ms"), ("ttl", ttl));

        var log = string.Join('\n', events.OfType<NetToolbox.Contracts.LogEvent>().Select(e => e.Text));
        Assert.True(events.Lines(linePattern).Count == 2, log);
        Assert.Equal(2, events.Samples("error").Count);
        var result = events.Result();
        Assert.False(result.Success);
        Assert.Equal(2, result.Long("errors"));
        Assert.Equal(100, result.Double("lossPercent"));
    }
}
