namespace NetToolbox.Cli.Tests;

/// <summary><c>--plugins DIR</c>: a third-party plugin gets a full command line from its schema.</summary>
public sealed class PluginsDirectoryTests
{
    private static readonly string TestPlugins = Path.Combine(AppContext.BaseDirectory, "testplugins");

    [Fact]
    public async Task List_OtherPluginsDirectory_ListsItsTools()
    {
        using var cli = await CliProcess.RunAsync("list", "--plugins", TestPlugins);

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("ticker ", StringComparison.Ordinal));
        Assert.DoesNotContain(cli.StdoutLines, l => l.StartsWith("pinger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_ThirdPartyTool_ShowsEveryKind()
    {
        using var cli = await CliProcess.RunAsync("--plugins", TestPlugins, "echo", "--help");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        foreach (var option in new[] { "--message <text>", "--host <host>", "--port <port>", "--count <n>", "--delay <duration>", "--flag", "--mode <fast|slow>", "--network <cidr>", "--target <endpoint>" })
        {
            Assert.Contains(option, cli.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ticker_KeyedRowsAndProgress_PlainOutputShowsFinalRowOnce()
    {
        using var cli = await CliProcess.RunAsync("--plugins", TestPlugins, "ticker", "--count", "3", "--interval", "10ms", "--rows");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal(["tick 1", "tick 2", "tick 3"], cli.StdoutLines.Where(l => l.StartsWith("tick ", StringComparison.Ordinal)));
        Assert.Contains("[100%] 3 of 3", cli.StdoutLines);
        Assert.Contains("tick: 3", cli.StdoutLines);
        Assert.Equal("state  3", Assert.Single(cli.StdoutLines, l => l.StartsWith("state", StringComparison.Ordinal)));
        Assert.Equal("succeeded: ticked 3 times", cli.StdoutLines[^1]);
    }

    [Fact]
    public async Task Fail_ToolThrows_ExitsOne()
    {
        using var cli = await CliProcess.RunAsync("--plugins", TestPlugins, "fail", "--message", "broken on purpose");

        Assert.Equal(1, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal("failed: broken on purpose", cli.StdoutLines[^1]);
    }

    [Fact]
    public async Task MissingPluginsDirectory_ToolCommandExitsTwoWithHint()
    {
        using var cli = await CliProcess.RunAsync("--plugins", Path.Combine(TestPlugins, "does-not-exist"), "ping");

        Assert.Equal(2, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains("No tools were found", cli.Stderr, StringComparison.Ordinal);
    }
}
