using System.Net;
using NetToolbox.Contracts;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class WaiterToolHttpTests
{
    [Fact]
    public async Task RunAsync_HttpAnswers503Then200_ReadyOnlyAt200()
    {
        await using var server = new TinyHttpServer(IPAddress.Loopback, status: 503);
        var target = $"http://127.0.0.1:{server.Port}/healthz";
        // A generous attempt timeout: the first request in a fresh process pays for JIT of the HTTP stack.
        await using var run = WaiterRunner.Start(("targets", target), ("interval", "100ms"), ("timeout", "20s"), ("attemptTimeout", "5s"));

        await Eventually.TrueAsync(() => run.CountLogs("HTTP status mismatch (HTTP 503") >= 2, WaiterRunner.Patience, "two 503 answers");
        Assert.Empty(run.Events.OfType<ResultEvent>());
        Assert.Equal("waiting", run.LatestRow(target)!.State());
        server.Status = 200;
        var result = await run.ResultAsync();

        Assert.True(result.Success, result.Summary);
        Assert.Contains(run.Events.OfType<LogEvent>(), e => e.Text.Contains("ready (HTTP 200", StringComparison.Ordinal));
        var attempts = result.TargetData(target)["attempts"]!.GetValue<int>();
        Assert.True(attempts >= 3);
        Assert.Equal(attempts, server.Requests);
        Assert.Equal("http", result.TargetData(target)["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_HttpOverIpv6WithStatusRange_AcceptsRedirectWithoutFollowing()
    {
        await using var server = new TinyHttpServer(IPAddress.IPv6Loopback, status: 302);
        var target = $"http://[::1]:{server.Port}/";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("expectStatus", "200-399"), ("attemptTimeout", "5s")), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.True(result.Success, result.Summary);
        Assert.Equal(1, result.TargetData(target)["attempts"]!.GetValue<int>());
        Assert.Equal(["/"], server.Paths);
    }

    [Fact]
    public async Task RunAsync_HttpStatusNeverExpected_FailsWithStatusMismatch()
    {
        await using var server = new TinyHttpServer(IPAddress.Loopback, status: 500);
        var target = $"http://127.0.0.1:{server.Port}/";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("expectStatus", "200,204"), ("timeout", "3s"), ("interval", "100ms"), ("attemptTimeout", "5s")),
            WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Equal("HTTP status mismatch", result.TargetData(target)["reason"]!.GetValue<string>());
        Assert.Contains("HTTP 500 Test, expected 200,204", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HttpServerNeverAnswers_AttemptTimesOut()
    {
        await using var server = new TinyHttpServer(IPAddress.Loopback, status: 200, silent: true);
        var target = $"http://127.0.0.1:{server.Port}/";

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("attemptTimeout", "200ms"), ("timeout", "1s"), ("interval", "100ms")),
            WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Equal("timed out", result.TargetData(target)["reason"]!.GetValue<string>());
        Assert.Contains(events.OfType<LogEvent>(), e => e.Text.Contains("attempt 1 failed: timed out (no answer within 200 ms)", StringComparison.Ordinal));
    }
}
