using System.Diagnostics;
using System.Net;
using NetToolbox.Contracts;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class WaiterToolTcpTests
{
    [Fact]
    public async Task RunAsync_PortOpensAfterRefusedAttempts_SucceedsWithinAboutOneInterval()
    {
        var port = Loopback.ClosedPort(IPAddress.Loopback);
        var target = $"127.0.0.1:{port}";
        await using var run = WaiterRunner.Start(("targets", target), ("interval", "200ms"), ("timeout", "20s"));

        await Eventually.TrueAsync(() => run.CountLogs("refused") >= 2, WaiterRunner.Patience, "two refused attempts");
        using var listener = Loopback.Listen(IPAddress.Loopback, port);
        var opened = Stopwatch.StartNew();
        var result = await run.ResultAsync();
        var readyAfter = opened.Elapsed;

        Assert.True(result.Success, result.Summary);
        Assert.True(readyAfter < TimeSpan.FromSeconds(2), $"ready {readyAfter} after the port opened");
        var data = result.TargetData(target);
        Assert.Equal("ready", data["state"]!.GetValue<string>());
        Assert.True(data["attempts"]!.GetValue<int>() >= 3);
        Assert.Equal(data["attempts"]!.GetValue<int>(), run.LatestRow(target)!.Attempts());
        Assert.Equal("ready", run.LatestRow(target)!.State());
        Assert.Contains(run.Events.OfType<LogEvent>(), e => e.Text.Contains("attempt 1 failed: refused", StringComparison.Ordinal));
        var progress = run.Events.OfType<ProgressEvent>().ToList();
        Assert.All(progress, p => Assert.InRange(p.Fraction!.Value, 0, 1));
        Assert.Equal(1, progress[^1].Fraction);
    }

    [Fact]
    public async Task RunAsync_BracketedIpv6Target_ConnectsOverIpv6()
    {
        using var listener = Loopback.Listen(IPAddress.IPv6Loopback);
        var target = $"[::1]:{listener.Port()}";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(), WaiterRunner.Bind(("targets", target)), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.True(result.Success, result.Summary);
        Assert.Contains(events.OfType<LogEvent>(), e => e.Text.Contains($"connected to [::1]:{listener.Port()}", StringComparison.Ordinal));
        Assert.Equal("ready", events.OfType<RowEvent>().Last(r => r.Key == target).State());
    }

    [Fact]
    public async Task RunAsync_PortNeverOpens_FailsAtTimeoutNamingTargetAndReason()
    {
        var target = $"127.0.0.1:{Loopback.ClosedPort(IPAddress.Loopback)}";
        var clock = Stopwatch.StartNew();

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("timeout", "1s"), ("interval", "100ms")), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Contains(target, result.Summary, StringComparison.Ordinal);
        Assert.Contains("refused", result.Summary, StringComparison.Ordinal);
        Assert.Contains("timeout", result.Summary, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        var data = result.TargetData(target);
        Assert.Equal("failed", data["state"]!.GetValue<string>());
        Assert.Equal("refused", data["reason"]!.GetValue<string>());
        Assert.True(data["attempts"]!.GetValue<int>() >= 2);
    }

    [Fact]
    public async Task RunAsync_TwoTargetsOneLate_SucceedsOnlyWhenBothReady()
    {
        using var early = Loopback.Listen(IPAddress.Loopback);
        var latePort = Loopback.ClosedPort(IPAddress.Loopback);
        var earlyTarget = $"127.0.0.1:{early.Port()}";
        var lateTarget = $"127.0.0.1:{latePort}";
        await using var run = WaiterRunner.Start(("targets", $"{earlyTarget}, {lateTarget}"), ("interval", "100ms"), ("timeout", "20s"));

        await Eventually.TrueAsync(
            () => run.LatestRow(earlyTarget)?.State() == "ready" && run.LatestRow(lateTarget)?.Attempts() >= 2,
            WaiterRunner.Patience, "first target ready, second refused twice");
        Assert.Empty(run.Events.OfType<ResultEvent>());
        using var late = Loopback.Listen(IPAddress.Loopback, latePort);
        var result = await run.ResultAsync();

        Assert.True(result.Success, result.Summary);
        Assert.Equal(2, result.Data!["ready"]!.GetValue<int>());
        Assert.True(result.TargetData(lateTarget)["attempts"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task RunAsync_SequentialMode_ChecksTargetsInOrder()
    {
        var firstPort = Loopback.ClosedPort(IPAddress.Loopback);
        using var second = Loopback.Listen(IPAddress.Loopback);
        var first = $"127.0.0.1:{firstPort}";
        var secondTarget = $"127.0.0.1:{second.Port()}";
        await using var run = WaiterRunner.Start(("targets", $"{first} {secondTarget}"), ("mode", "sequential"), ("interval", "100ms"));

        await Eventually.TrueAsync(() => run.CountLogs("refused") >= 2, WaiterRunner.Patience, "first target refused twice");
        Assert.Equal(0, run.LatestRow(secondTarget)!.Attempts());
        Assert.Equal("waiting", run.LatestRow(secondTarget)!.State());
        using var listener = Loopback.Listen(IPAddress.Loopback, firstPort);
        var result = await run.ResultAsync();

        Assert.True(result.Success, result.Summary);
        var rows = run.Events.OfType<RowEvent>().ToList();
        var firstReady = rows.FindIndex(r => r.Key == first && r.State() == "ready");
        var secondTried = rows.FindIndex(r => r.Key == secondTarget && r.Attempts() > 0);
        Assert.InRange(firstReady, 0, secondTried - 1);
    }

    [Fact]
    public async Task RunAsync_SequentialFirstNeverReady_SkipsTheRest()
    {
        using var second = Loopback.Listen(IPAddress.Loopback);
        var first = $"127.0.0.1:{Loopback.ClosedPort(IPAddress.Loopback)}";
        var secondTarget = $"127.0.0.1:{second.Port()}";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", $"{first},{secondTarget}"), ("mode", "sequential"), ("timeout", "500ms"), ("interval", "100ms")),
            WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Equal("failed", result.TargetData(first)["state"]!.GetValue<string>());
        Assert.Equal("skipped", result.TargetData(secondTarget)["state"]!.GetValue<string>());
        Assert.Equal(0, result.TargetData(secondTarget)["attempts"]!.GetValue<int>());
        Assert.False(second.Pending());
    }

    [Fact]
    public async Task RunAsync_InvertedAndListenerClosesMidWait_Succeeds()
    {
        var listener = Loopback.Listen(IPAddress.Loopback);
        var target = $"127.0.0.1:{listener.Port()}";
        try
        {
            await using var run = WaiterRunner.Start(("targets", target), ("invert", "true"), ("interval", "100ms"), ("timeout", "20s"));

            await Eventually.TrueAsync(() => run.CountLogs("still accepting") >= 2, WaiterRunner.Patience, "two attempts that still connect");
            Assert.Empty(run.Events.OfType<ResultEvent>());
            listener.Stop();
            var result = await run.ResultAsync();

            Assert.True(result.Success, result.Summary);
            Assert.Contains("down", result.Summary, StringComparison.Ordinal);
            Assert.True(result.Data!["invert"]!.GetValue<bool>());
            Assert.Contains(run.Events.OfType<LogEvent>(), e => e.Text.Contains("down (refused", StringComparison.Ordinal));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task RunAsync_InvertedAndPortStaysOpen_FailsAtTimeout()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        var target = $"127.0.0.1:{listener.Port()}";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("invert", "true"), ("timeout", "500ms"), ("interval", "100ms")), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Contains("not down", result.Summary, StringComparison.Ordinal);
        Assert.Equal("still accepting", result.TargetData(target)["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("false", new[] { 100, 100, 100, 100, 100 })]
    [InlineData("true", new[] { 100, 200, 400, 400, 400 })]
    public async Task RunAsync_Backoff_DoublesPauseUpToMaximum(string backoff, int[] expectedPauses)
    {
        var target = $"127.0.0.1:{Loopback.ClosedPort(IPAddress.Loopback)}";
        await using var run = WaiterRunner.Start(
            ("targets", target), ("timeout", "60s"), ("interval", "100ms"), ("maxInterval", "400ms"), ("backoff", backoff));

        await Eventually.TrueAsync(() => run.CountLogs("retrying in") >= 5, WaiterRunner.Patience, "five failed attempts");
        await run.CancelAsync(TimeSpan.FromSeconds(5));

        var pauses = run.Events.OfType<LogEvent>()
            .Select(e => e.Text)
            .Where(t => t.Contains("retrying in", StringComparison.Ordinal))
            .Take(5)
            .Select(t => int.Parse(t[(t.LastIndexOf("retrying in ", StringComparison.Ordinal) + 12)..^3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedPauses, pauses);
    }
}
