using NetToolbox.Plugins.Pinger.Tests.Infrastructure;

namespace NetToolbox.Plugins.Pinger.Tests.Icmp;

/// <summary>
/// The socket choice: raw when allowed, else the kernel's unprivileged ICMP ("ping") socket, else a clear error.
/// Raw sockets are refused by the test's socket factory, as socket(2) refuses a process without CAP_NET_RAW;
/// whether the datagram socket works is then up to the real kernel setting.
/// </summary>
public sealed class IcmpSocketKindTests
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("127.0.0.1", @"^64 bytes from 127\.0\.0\.1: icmp_seq=\d ttl=64 time=")]
    [InlineData("::1", @"^64 bytes from ::1: icmp_seq=\d ttl=64 time=")]
    public async Task RunAsync_RawRefusedButPingSocketsAllowed_PingsOverDatagramSocket(string host, string linePattern)
    {
        // ping_group_range is per network namespace: open it up in ours only.
        using var space = NetNamespace.Create("pgd");
        space.Sysctl("net.ipv4.ping_group_range", "0 2147483647");

        var events = await PingerRun.ToEndAsync(new NamespaceSocketFactory(space, refuseRaw: true), RunBound, ("host", host), ("count", "2"), ("interval", "100ms"));

        Assert.Single(events.Lines("unprivileged ICMP datagram socket"));
        Assert.Equal(2, events.Lines(linePattern).Count);
        Assert.Equal(2, events.Result().Long("received"));
    }

    [Fact]
    public async Task RunAsync_NeitherRawNorPingSocketAllowed_FailsSayingWhatToChange()
    {
        // The host's own ping_group_range is "1 0" (nobody), so with raw refused nothing is left.
        var groups = (await File.ReadAllTextAsync("/proc/sys/net/ipv4/ping_group_range")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(long.Parse(groups[0], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(groups[1], System.Globalization.CultureInfo.InvariantCulture), "this test needs ping sockets disabled on the host");

        var events = await PingerRun.ToEndAsync(new NamespaceSocketFactory(null, refuseRaw: true), RunBound, ("host", "127.0.0.1"));

        var result = Assert.Single(events.OfType<NetToolbox.Contracts.ResultEvent>());
        Assert.False(result.Success);
        Assert.StartsWith("ping: cannot open an IPv4 ICMP socket: a raw socket needs CAP_NET_RAW", result.Summary, StringComparison.Ordinal);
        Assert.Contains("ping_group_range", result.Summary, StringComparison.Ordinal);
        Assert.Contains("use mode tcp", result.Summary, StringComparison.Ordinal);
    }
}
