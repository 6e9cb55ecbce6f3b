using System.Net;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Tests.Infrastructure;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

/// <summary>Sweeps of loopback ranges on real sockets (127.0.0.0/8 and ::1 only).</summary>
public sealed class SweepLoopbackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_Sweep127Slash28_EveryHostUpWithOneRowEach()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("range", "127.0.0.0/28"), ("timeout", "5s"));

        var rows = events.OfType<RowEvent>().Where(r => r.Table == "hosts").ToList();
        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"127.0.0.{i}").Order(), rows.Select(r => r.Key!).Order());
        Assert.All(rows, r => Assert.Equal("up", r.Values[1]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal(["address", "status", "rttMs", "ttl", "detail"], r.Columns));
        Assert.All(rows, r => Assert.True(r.Values[2]!.GetValue<double>() >= 0));
        var result = events.Result();
        Assert.True(result.Success);
        Assert.Equal(14, result.Long("up"));
        Assert.Equal(0, result.Long("down"));
        Assert.Contains("127.0.0.0/28: 14 addresses, 14 up, 0 down", result.Summary, StringComparison.Ordinal);
        Assert.Equal(1.0, events.OfType<ProgressEvent>().Last().Fraction);
    }

    [Fact]
    public async Task RunAsync_Sweep127Slash24_AllUpInWellUnderOneTimeoutEach()
    {
        var started = TimeProvider.System.GetTimestamp();
        var events = await PingerRun.ToEndAsync(null, RunBound, ("range", "127.0.0.0/24"), ("timeout", "3s"));
        var took = TimeProvider.System.GetElapsedTime(started);

        var result = events.Result();
        output.WriteLine($"{result.Summary} (measured {took.TotalMilliseconds:0} ms)");
        Assert.Equal(254, result.Long("up"));
        Assert.Equal(254, events.OfType<RowEvent>().Count(r => r.Table == "hosts"));
        Assert.True(took < TimeSpan.FromSeconds(10), $"sweep took {took}");
    }

    [Fact]
    public async Task RunAsync_SweepIpv6Loopback_OneRowUp()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("range", "::1/128"), ("timeout", "5s"));

        var row = Assert.Single(events.OfType<RowEvent>(), r => r.Table == "hosts");
        Assert.Equal("::1", row.Key);
        Assert.Equal("up", row.Values[1]!.GetValue<string>());
        Assert.Equal(64, row.Values[3]!.GetValue<int>());
        Assert.Equal(1, events.Result().Long("up"));
    }

    [Fact]
    public async Task RunAsync_TcpSweepOfLoopbackWithListener_RefusalsAndListenerAllUp()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var events = await PingerRun.ToEndAsync(null, RunBound, ("range", "127.0.0.0/30"), ("mode", "tcp"), ("timeout", "5s"), ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var rows = events.OfType<RowEvent>().Where(r => r.Table == "hosts").ToDictionary(r => r.Key!);
        Assert.Equal("open", rows["127.0.0.2"].Values[4]!.GetValue<string>());
        Assert.Equal("port closed (host answered)", rows["127.0.0.1"].Values[4]!.GetValue<string>());
        Assert.Equal(2, events.Result().Long("up"));
    }

    [Fact]
    public async Task RunAsync_RangeLargerThanSlash16_FailsBeforeProbing()
    {
        var events = await PingerRun.ToEndAsync(null, RunBound, ("range", "10.0.0.0/8"));

        var result = Assert.IsType<ResultEvent>(Assert.Single(events));
        Assert.False(result.Success);
        Assert.Contains("has 16777214 addresses; a sweep covers at most 65536", result.Summary, StringComparison.Ordinal);
    }
}
