using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Cli.Tests;

/// <summary>Every first-party tool run locally by the real command on loopback, as text and as JSON, with its exit code.</summary>
public sealed class LocalRunTests
{
    [Fact]
    public async Task Ping_Loopback_ReadsLikePingAndExitsZero()
    {
        using var cli = await CliProcess.RunAsync("ping", "--host", "::1", "--count", "2", "--interval", "50ms");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.StartsWith("PING ::1", cli.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(2, cli.StdoutLines.Count(l => l.StartsWith("64 bytes from ::1: icmp_seq=", StringComparison.Ordinal)));
        Assert.Contains("2 packets transmitted, 2 received, 0% packet loss", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("rtt: ", StringComparison.Ordinal) && l.EndsWith(" ms", StringComparison.Ordinal));
        Assert.StartsWith("succeeded: ::1: 2 packets transmitted", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_Json_PrintsOneApiEventPerLine()
    {
        using var cli = await CliProcess.RunAsync("pinger", "--host", "::1", "--count", "2", "--interval", "50ms", "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        var result = JsonEvents.AssertWellFormed(events);
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal(2, result.GetProperty("data").GetProperty("received").GetInt32());
        Assert.Equal(2, JsonEvents.OfType(events, "sample").Count(s => s.GetProperty("series").GetString() == "rtt" && s.GetProperty("unit").GetString() == "ms"));
        Assert.Contains(JsonEvents.OfType(events, "log"), l => l.GetProperty("level").GetString() == "info");
    }

    [Fact]
    public async Task Interfaces_Text_PrintsAnAlignedTableWithLoopback()
    {
        using var cli = await CliProcess.RunAsync("interfaces", "--name", "lo");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        // The interfaces table comes first (titled), then the addresses table.
        var lines = cli.StdoutLines.SkipWhile(l => l != "interfaces:").ToList();
        var header = lines[1];
        var lo = lines[2];
        Assert.StartsWith("name ", header, StringComparison.Ordinal);
        Assert.StartsWith("lo ", lo, StringComparison.Ordinal);
        var columns = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(columns.Length >= 5, header);
        // Aligned: the second column starts at the same position in the header and the row.
        var second = header.IndexOf(columns[1], StringComparison.Ordinal);
        Assert.NotEqual(' ', lo[second]);
        Assert.Equal(' ', lo[second - 1]);
        Assert.Contains("127.0.0.1", cli.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("succeeded", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interfaces_Json_PrintsRowEvents()
    {
        using var cli = await CliProcess.RunAsync("ifaces", "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        Assert.True(JsonEvents.AssertWellFormed(events).GetProperty("success").GetBoolean());
        Assert.Contains(JsonEvents.OfType(events, "row"), r => r.GetProperty("values")[0].GetString() == "lo");
    }

    [Fact]
    public async Task IpLookup_Lo_ShowsBothLoopbackAddresses()
    {
        using var cli = await CliProcess.RunAsync("ip", "--interface", "lo", "--source", "interface");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("lo ", StringComparison.Ordinal) && l.Contains("127.0.0.1/8", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("lo ", StringComparison.Ordinal) && l.Contains("::1/128", StringComparison.Ordinal));
        Assert.Equal("succeeded: lo: 127.0.0.1/8 (host), ::1/128 (host)", cli.StdoutLines[^1]);
    }

    [Fact]
    public async Task IpLookup_Json_PrintsRowsAndResult()
    {
        using var cli = await CliProcess.RunAsync("iplookup", "--interface", "lo", "--source", "interface", "--family", "ipv6", "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        Assert.True(JsonEvents.AssertWellFormed(events).GetProperty("success").GetBoolean());
        var row = Assert.Single(JsonEvents.OfType(events, "row"));
        Assert.Contains(row.GetProperty("values").EnumerateArray(), v => v.ValueKind == System.Text.Json.JsonValueKind.String && v.GetString() == "::1/128");
    }

    [Fact]
    public async Task Wait_ListeningPort_SucceedsWithExitZero()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var cli = await CliProcess.RunAsync("wait", "--targets", $"127.0.0.1:{port}", "--timeout", "10s");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.StartsWith("succeeded", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_Json_ListeningPort_PrintsKeyedTargetRow()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var cli = await CliProcess.RunAsync("waiter", "--targets", $"[::1]:{port}", "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var events = cli.JsonLines;
        Assert.True(JsonEvents.AssertWellFormed(events).GetProperty("success").GetBoolean());
        Assert.Contains(JsonEvents.OfType(events, "row"), r => r.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task Wait_ClosedPort_TimesOutWithExitOne()
    {
        var port = Loopback.ClosedPort();

        using var cli = await CliProcess.RunAsync("wait", "--targets", $"127.0.0.1:{port}", "--timeout", "300ms", "--interval", "50ms");

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.StartsWith("failed", cli.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_Json_ClosedPort_ExitsOneWithFailedResult()
    {
        var port = Loopback.ClosedPort();

        using var cli = await CliProcess.RunAsync("wait", "--targets", $"127.0.0.1:{port}", "--timeout", "300ms", "--json");

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.False(JsonEvents.AssertWellFormed(cli.JsonLines).GetProperty("success").GetBoolean());
    }

    [Theory]
    [InlineData(new[] { "wait" }, "--targets: is required")]
    [InlineData(new[] { "ping", "--host", "::1", "--count", "-1" }, "--count:")]
    [InlineData(new[] { "ping", "--host", "::1", "--interval", "1ms" }, "--interval:")]
    [InlineData(new[] { "ping", "--host", "::1", "--mode", "udp" }, "--mode:")]
    [InlineData(new[] { "forward", "--target", "127.0.0.1:1", "--max-connections", "0" }, "--max-connections:")]
    [InlineData(new[] { "ping", "--host", "::1", "--bogus", "1" }, "--bogus")]
    [InlineData(new[] { "wait", "--targets", "127.0.0.1:1", "--invert", "maybe" }, "maybe")]
    [InlineData(new[] { "nosuchtool" }, "nosuchtool")]
    public async Task BadArguments_ExitTwoWithMessageOnStderr(string[] args, string message)
    {
        using var cli = await CliProcess.RunAsync(args);

        Assert.Equal(2, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(message, cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cli.Stdout);
    }
}
