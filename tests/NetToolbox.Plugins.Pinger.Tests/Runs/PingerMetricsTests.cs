using NetToolbox.Plugins.Pinger.Tests.Infrastructure;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

/// <summary>The pinger reports each answered probe's RTT through the contract's metrics (the host publishes it as nettoolbox.tool.pinger.rtt).</summary>
public sealed class PingerMetricsTests
{
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("::1", "icmp")]
    [InlineData("127.0.0.1", "icmp")]
    public async Task RunAsync_LoopbackCountTwo_RecordsTheRttOfEachReply(string host, string mode)
    {
        var context = new TestToolContext();

        var events = await ToolHarness.RunToEndAsync(
            new PingerTool(), PingerRun.Input(("host", host), ("count", "2"), ("interval", "50ms")), RunBound, context);

        var recorded = context.Metrics.Calls.Where(c => c.Name == "rtt").ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, c => Assert.Equal(("record", "ms", mode), (c.Kind, c.Unit, Assert.Single(c.Tags, t => t.Key == "mode").Value)));
        Assert.Equal(events.Samples("rtt").Order(), recorded.Select(c => Math.Round(c.Value, 3)).Order());
    }
}
