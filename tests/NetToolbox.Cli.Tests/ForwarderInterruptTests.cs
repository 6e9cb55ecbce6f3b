using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace NetToolbox.Cli.Tests;

/// <summary>The forwarder relays on loopback until Ctrl+C; SIGINT cancels it cleanly, exits 130 and leaves no listener.</summary>
public sealed partial class ForwarderInterruptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Forward_Text_RelaysThenSigintExits130AndListenerIsGone()
    {
        await using var echo = new EchoServer();
        using var cli = CliProcess.Start("forward", "--listen", "127.0.0.1:0", "--target", $"127.0.0.1:{echo.Port}", "--stats-interval", "100ms");

        var port = await ListeningPortAsync(cli);
        Assert.Equal("hello through the relay", await Loopback.RoundTripAsync(port, "hello through the relay", TimeSpan.FromSeconds(10)));

        var elapsed = await InterruptAsync(cli);

        Assert.Equal(130, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.ConnectErrorAsync(port));
        // The forwarder closes with its own summary; the run's status is cancelled.
        Assert.StartsWith("cancelled: Stopped after", cli.StdoutLines[^1], StringComparison.Ordinal);
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("throughput", StringComparison.Ordinal) || l.Contains("bit/s", StringComparison.Ordinal));
        output.WriteLine($"SIGINT to exit: {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Forward_Json_SigintPrintsCancelledResultThenExits130()
    {
        await using var echo = new EchoServer();
        using var cli = CliProcess.Start("forwarder", "--target", $"127.0.0.1:{echo.Port}", "--json");

        var port = await ListeningPortAsync(cli);
        Assert.Equal("ping", await Loopback.RoundTripAsync(port, "ping", TimeSpan.FromSeconds(10)));
        // The connection's keyed row arrives while the relay runs.
        await cli.WaitForLineAsync(l => l.Contains("\"type\":\"row\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "a connection row");

        var elapsed = await InterruptAsync(cli);

        Assert.Equal(130, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var result = JsonEvents.AssertWellFormed(cli.JsonLines);
        Assert.StartsWith("Stopped after", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(SocketError.ConnectionRefused, await Loopback.ConnectErrorAsync(port));
        output.WriteLine($"SIGINT to exit (json): {elapsed.TotalMilliseconds:0} ms");
    }

    private static async Task<int> ListeningPortAsync(CliProcess cli)
    {
        var line = await cli.WaitForLineAsync(l => ListeningOn().IsMatch(l), CliProcess.DefaultTimeout, "the forwarder's 'listening on' line");
        return int.Parse(ListeningOn().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<TimeSpan> InterruptAsync(CliProcess cli)
    {
        var watch = Stopwatch.StartNew();
        await cli.InterruptAsync();
        await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));
        return watch.Elapsed;
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
