using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NetToolbox.Cli.Tests;

/// <summary><c>--server</c>: the same tools run on a real portal started by the test, streamed over its SignalR hub.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ServerTests(PortalFactory portal)
{
    [Fact]
    public async Task List_Server_ListsThePortalsTools()
    {
        using var cli = await CliProcess.RunAsync("list", "--server", portal.Url);

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("pinger (ping)", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("forwarder (forward)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ping_Server_SameOutputAndExitZero()
    {
        using var cli = await CliProcess.RunAsync("--server", portal.Url, "--token", "t0ken", "ping", "--host", "::1", "--count", "2", "--interval", "50ms");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal(2, cli.StdoutLines.Count(l => l.StartsWith("64 bytes from ::1: icmp_seq=", StringComparison.Ordinal)));
        Assert.StartsWith("succeeded: ::1: 2 packets transmitted", cli.StdoutLines[^1], StringComparison.Ordinal);
        var runId = RunIdLine().Match(cli.Stderr).Groups[1].Value;
        var run = await portal.GetRunAsync(runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("pinger", run.GetProperty("toolId").GetString());
    }

    [Fact]
    public async Task Token_Server_SentAsBearerTokenToApiAndHub()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");

        using var cli = await CliProcess.RunAsync("--server", portal.Url, "--token", token, "iplookup", "--interface", "lo", "--source", "interface");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var sent = portal.Requests.Where(r => r.Authorization == "Bearer " + token).Select(r => r.Path).ToList();
        Assert.Contains("/api/tools", sent);
        Assert.Contains(sent, p => p.StartsWith("/hubs/runs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ping_ServerJson_EventsAsTheApiShowsThem()
    {
        using var cli = await CliProcess.RunAsync("ping", "--host", "::1", "--count", "2", "--interval", "50ms", "--json", "--server", portal.Url);

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        Assert.True(JsonEvents.AssertWellFormed(events).GetProperty("success").GetBoolean());
        var runId = RunIdLine().Match(cli.Stderr).Groups[1].Value;
        var backlog = (await portal.GetRunAsync(runId)).GetProperty("events");
        Assert.Equal(backlog.GetArrayLength(), events.Count);
        Assert.Equal(backlog[0].GetRawText(), events[0].GetRawText());
    }

    [Fact]
    public async Task Wait_ServerClosedPort_ExitsOne()
    {
        var port = Loopback.ClosedPort();

        using var cli = await CliProcess.RunAsync("--server", portal.Url, "wait", "--targets", $"127.0.0.1:{port}", "--timeout", "300ms");

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.StartsWith("failed", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArguments_Server_ExitTwoWithThePortalsMessage()
    {
        using var cli = await CliProcess.RunAsync("--server", portal.Url, "ping", "--host", "::1", "--count", "-5");

        Assert.Equal(2, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains("--count:", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_ExitsOneWithMessage()
    {
        var port = Loopback.ClosedPort();

        using var cli = await CliProcess.RunAsync("--server", $"http://127.0.0.1:{port}", "list");

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains("could not reach the portal", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_ServerSigint_CancelsTheRunOnThePortalAndExits130()
    {
        await using var echo = new EchoServer();
        using var cli = CliProcess.Start("--server", portal.Url, "forward", "--target", $"127.0.0.1:{echo.Port}");

        var line = await cli.WaitForLineAsync(l => ListeningOn().IsMatch(l), CliProcess.DefaultTimeout, "the forwarder's 'listening on' line");
        var port = int.Parse(ListeningOn().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("via portal", await Loopback.RoundTripAsync(port, "via portal", TimeSpan.FromSeconds(10)));
        var runId = RunIdLine().Match(cli.Stderr).Groups[1].Value;

        await cli.InterruptAsync();

        Assert.Equal(130, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal("cancelled", (await portal.GetRunAsync(runId)).GetProperty("status").GetString());
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.ConnectErrorAsync(port));
        Assert.StartsWith("cancelled", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsWatch_RunStartedElsewhere_ShowsBacklogAndLiveEventsToTheEnd()
    {
        var runId = await portal.StartRunAsync("pinger", new { host = "::1", count = 3, interval = "200ms" });

        using var cli = await CliProcess.RunAsync("runs", "watch", runId, "--server", portal.Url, "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        Assert.True(JsonEvents.AssertWellFormed(events).GetProperty("success").GetBoolean());
        Assert.Equal(3, JsonEvents.OfType(events, "sample").Count());
    }

    [Fact]
    public async Task RunsWatch_Text_FailedRunExitsOne()
    {
        var runId = await portal.StartRunAsync("waiter", new { targets = $"127.0.0.1:{Loopback.ClosedPort()}", timeout = "200ms" });

        using var cli = await CliProcess.RunAsync("runs", "watch", runId, "--server", portal.Url);

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.StartsWith("failed", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsWatch_Sigint_DetachesAndLeavesTheRunGoing()
    {
        await using var echo = new EchoServer();
        var runId = await portal.StartRunAsync("forwarder", new { target = $"127.0.0.1:{echo.Port}" });
        try
        {
            using var cli = CliProcess.Start("runs", "watch", runId, "--server", portal.Url);
            await cli.WaitForLineAsync(l => ListeningOn().IsMatch(l), CliProcess.DefaultTimeout, "the backlog's 'listening on' line");

            await cli.InterruptAsync();

            Assert.Equal(130, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
            Assert.Equal("running", (await portal.GetRunAsync(runId)).GetProperty("status").GetString());
        }
        finally
        {
            using var client = portal.CreateClient();
            using var cancel = await client.DeleteAsync($"/api/runs/{runId}");
        }
    }

    [Theory]
    [InlineData("no-such-run")]
    public async Task RunsWatch_UnknownRun_ExitsTwo(string runId)
    {
        using var cli = await CliProcess.RunAsync("runs", "watch", runId, "--server", portal.Url);

        Assert.Equal(2, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains("no run has the id", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsWatch_WithoutServer_ExitsTwo()
    {
        using var cli = await CliProcess.RunAsync("runs", "watch", "abc");

        Assert.Equal(2, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains("--server", cli.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"run ([0-9a-f]{32}) on ")]
    private static partial Regex RunIdLine();

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
