using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class WaiterToolFailureTests
{
    [Fact]
    public async Task RunAsync_UnknownHost_ReportsDnsFailureAndRetries()
    {
        // An injected resolver that knows no names: looking up an unknown name for real would send DNS
        // queries off the machine.
        const string host = "no-such-host";
        const string target = host + ":80";
        var resolverError = new SocketException((int)SocketError.HostNotFound);
        var asked = new ConcurrentQueue<string>();
        var tool = new WaiterTool((name, _) =>
        {
            asked.Enqueue(name);
            return Task.FromException<IPAddress[]>(resolverError);
        });
        await using var run = ToolHarness.Start(tool, WaiterRunner.Bind(("targets", target), ("timeout", "60s"), ("interval", "100ms"), ("attemptTimeout", "10s")));

        await Eventually.TrueAsync(() => run.CountLogs("failed: DNS failure") >= 2, WaiterRunner.Patience, "two DNS failures");

        var dnsLogs = run.Events.OfType<LogEvent>().Where(e => e.Text.Contains("failed: DNS failure", StringComparison.Ordinal)).ToList();
        Assert.All(dnsLogs, e => Assert.Equal(LogEventLevel.Warning, e.Level));
        Assert.StartsWith($"{target}: attempt 1 failed: DNS failure ({host}: {resolverError.Message})", dnsLogs[0].Text, StringComparison.Ordinal);
        Assert.All(asked, name => Assert.Equal(host, name));
        Assert.True(asked.Count >= 2, $"resolver asked {asked.Count} times");
        var row = run.LatestRow(target)!;
        Assert.Equal("waiting", row.State());
        Assert.StartsWith("DNS failure", row.Values[3]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(run.Events.OfType<ResultEvent>());
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsPromptly()
    {
        var target = $"127.0.0.1:{Loopback.ClosedPort(IPAddress.Loopback)}";
        await using var run = WaiterRunner.Start(("targets", target), ("timeout", "60s"), ("interval", "100ms"));
        await Eventually.TrueAsync(() => run.CountLogs("refused") >= 1, WaiterRunner.Patience, "one refused attempt");

        var took = await run.CancelAsync(TimeSpan.FromSeconds(5));

        Assert.True(run.Completion.IsCompleted);
        Assert.True(took < TimeSpan.FromSeconds(2), $"cancel took {took}");
        Assert.Empty(run.Events.OfType<ResultEvent>());
    }

    [Fact]
    public async Task RunAsync_CancelledDuringHttpAttempt_EndsPromptly()
    {
        await using var server = new TinyHttpServer(IPAddress.Loopback, status: 200, silent: true);
        await using var run = WaiterRunner.Start(("targets", $"http://127.0.0.1:{server.Port}/"), ("attemptTimeout", "60s"), ("timeout", "60s"));
        await Eventually.TrueAsync(() => server.Requests >= 1, WaiterRunner.Patience, "request in flight");

        var took = await run.CancelAsync(TimeSpan.FromSeconds(5));

        Assert.True(run.Completion.IsCompleted);
        Assert.True(took < TimeSpan.FromSeconds(2), $"cancel took {took}");
    }

    [Fact]
    public async Task RunAsync_UnixSocketAppearsMidWait_Succeeds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"waiter-{Guid.NewGuid():N}.sock");
        var target = $"unix:{path}";
        try
        {
            await using var run = WaiterRunner.Start(("targets", target), ("interval", "100ms"), ("timeout", "20s"));
            await Eventually.TrueAsync(() => run.CountLogs("not found") >= 2, WaiterRunner.Patience, "two attempts on a missing socket");

            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen();
            var result = await run.ResultAsync();

            Assert.True(result.Success, result.Summary);
            Assert.Equal("unix", result.TargetData(target)["kind"]!.GetValue<string>());
            Assert.True(result.TargetData(target)["attempts"]!.GetValue<int>() >= 3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_DestinationDenied_FailsBeforeAnyProbe()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        var target = $"127.0.0.1:{listener.Port()}";
        var context = new TestToolContext(connectPolicy: _ => DestinationDecision.Deny("not on the allowlist"));

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(), WaiterRunner.Bind(("targets", target)), WaiterRunner.Patience, context);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Contains("not on the allowlist", result.Summary, StringComparison.Ordinal);
        Assert.Equal(0, result.TargetData(target)["attempts"]!.GetValue<int>());
        Assert.Equal("denied", result.TargetData(target)["reason"]!.GetValue<string>());
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task RunAsync_HostnameResolvesToDeniedAddress_FailsWithoutConnecting()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        var target = $"localhost:{listener.Port()}";
        var context = new TestToolContext(connectPolicy: endpoint => endpoint is IPEndPoint
            ? DestinationDecision.Deny("loopback is off limits")
            : DestinationDecision.Allow);

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", target), ("timeout", "10s"), ("attemptTimeout", "5s")), WaiterRunner.Patience, context);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Contains("loopback is off limits", result.Summary, StringComparison.Ordinal);
        Assert.Equal(1, result.TargetData(target)["attempts"]!.GetValue<int>());
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task RunAsync_OneTargetDeniedAfterResolution_StopsTheOthersAtOnce()
    {
        using var listener = Loopback.Listen(IPAddress.Loopback);
        var deniedPort = listener.Port();
        var denied = $"localhost:{deniedPort}";
        var waiting = $"127.0.0.1:{Loopback.ClosedPort(IPAddress.Loopback)}";
        var context = new TestToolContext(connectPolicy: endpoint => endpoint is IPEndPoint ip && ip.Port == deniedPort
            ? DestinationDecision.Deny("port not allowed")
            : DestinationDecision.Allow);

        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", $"{denied} {waiting}"), ("timeout", "60s"), ("interval", "100ms")), WaiterRunner.Patience, context);

        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.False(result.Success);
        Assert.Equal("failed", result.TargetData(denied)["state"]!.GetValue<string>());
        Assert.Equal("skipped", result.TargetData(waiting)["state"]!.GetValue<string>());
        Assert.Contains($"stopped: {denied} is denied", result.Summary, StringComparison.Ordinal);
        Assert.True(result.Data!["elapsedMs"]!.GetValue<double>() < 10_000);
    }

    [Theory]
    [InlineData("127.0.0.1:80, foo", "'foo'")]
    [InlineData("::1:80", "brackets")]
    [InlineData("127.0.0.1:0", "port 0")]
    [InlineData("unix:", "unix:")]
    [InlineData("http://", "'http://'")]
    [InlineData("db:5432 db:5432", "listed twice")]
    public async Task RunAsync_InvalidTargetList_FailsAtOnceNamingTheItem(string targets, string expected)
    {
        var events = await ToolHarness.RunToEndAsync(new WaiterTool(), WaiterRunner.Bind(("targets", targets)), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(Assert.Single(events));
        Assert.False(result.Success);
        Assert.StartsWith("targets: ", result.Summary, StringComparison.Ordinal);
        Assert.Contains(expected, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidExpectedStatus_FailsAtOnce()
    {
        var events = await ToolHarness.RunToEndAsync(new WaiterTool(),
            WaiterRunner.Bind(("targets", "http://127.0.0.1:1/"), ("expectStatus", "2xx,abc")), WaiterRunner.Patience);

        var result = Assert.IsType<ResultEvent>(Assert.Single(events));
        Assert.False(result.Success);
        Assert.Contains("expectStatus: 'abc'", result.Summary, StringComparison.Ordinal);
    }
}
