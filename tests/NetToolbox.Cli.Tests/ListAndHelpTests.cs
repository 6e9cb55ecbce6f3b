namespace NetToolbox.Cli.Tests;

public sealed class ListAndHelpTests
{
    [Fact]
    public async Task List_FirstPartyPlugins_PrintsEveryToolWithDescriptionAndAlias()
    {
        using var cli = await CliProcess.RunAsync("list");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Equal(["TOOL", "CATEGORY", "DESCRIPTION"], cli.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3]);
        foreach (var (tool, alias) in new[] { ("pinger", "ping"), ("forwarder", "forward"), ("waiter", "wait"), ("interfaces", "ifaces"), ("iplookup", "ip") })
        {
            Assert.Contains(cli.StdoutLines, l => l.StartsWith($"{tool} ({alias})", StringComparison.Ordinal));
        }

        Assert.Contains("Every network interface with its kind", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cli.Stderr);
    }

    [Fact]
    public async Task List_Json_PrintsTheDescriptorsAsTheApiDoes()
    {
        using var cli = await CliProcess.RunAsync("list", "--json");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var tools = Assert.Single(cli.JsonLines);
        var pinger = tools.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "pinger");
        var interval = pinger.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "interval");
        Assert.Equal("duration", interval.GetProperty("kind").GetString());
        Assert.Equal("1s", interval.GetProperty("default").GetString());
        Assert.Equal(5, tools.GetArrayLength());
    }

    [Fact]
    public async Task Help_Pinger_IsGeneratedFromTheSchema()
    {
        using var cli = await CliProcess.RunAsync("ping", "--help");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        var interval = Assert.Single(cli.StdoutLines, l => l.TrimStart().StartsWith("--interval", StringComparison.Ordinal));
        Assert.Contains("--interval <duration>", interval, StringComparison.Ordinal);
        Assert.Contains("Time between probes", interval, StringComparison.Ordinal);
        Assert.Contains("default: 1s", interval, StringComparison.Ordinal);
        Assert.Contains("min: 10ms", interval, StringComparison.Ordinal);
        Assert.Contains("max: 1h", interval, StringComparison.Ordinal);
        Assert.Contains(cli.StdoutLines, l => l.Contains("--mode <icmp|tcp>", StringComparison.Ordinal) && l.Contains("default: icmp", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--ip-version <any|ipv4|ipv6>", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--count <n>", StringComparison.Ordinal) && l.Contains("min: 0; max: 1000000", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--stats-every <duration>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_Forwarder_NamesCamelCaseParametersInKebabCase()
    {
        using var cli = await CliProcess.RunAsync("forwarder", "--help");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--max-connections <n>", StringComparison.Ordinal) && l.Contains("default: 1000; min: 1; max: 100000", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--target <endpoint>", StringComparison.Ordinal) && l.Contains("required", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.Contains("--idle-timeout <duration>", StringComparison.Ordinal) && l.Contains("max: 168h", StringComparison.Ordinal));
        Assert.DoesNotContain("maxConnections", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsToolsAsCommands()
    {
        using var cli = await CliProcess.RunAsync("--help");

        Assert.Equal(0, await cli.WaitForExitAsync(CliProcess.DefaultTimeout));
        Assert.Contains(cli.StdoutLines, l => l.TrimStart().StartsWith("pinger, ping", StringComparison.Ordinal) || l.TrimStart().StartsWith("ping, pinger", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.TrimStart().StartsWith("list", StringComparison.Ordinal));
        Assert.Contains(cli.StdoutLines, l => l.TrimStart().StartsWith("runs", StringComparison.Ordinal));
        Assert.Contains("--server <url>", cli.Stdout, StringComparison.Ordinal);
    }
}
