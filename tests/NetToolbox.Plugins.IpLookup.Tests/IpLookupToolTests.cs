using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Plugins.Interfaces.Tests.Support;
using NetToolbox.Testing;
using Xunit.Abstractions;
using static NetToolbox.Plugins.Interfaces.Tests.Support.ToolRuns;

namespace NetToolbox.Plugins.IpLookup.Tests;

public sealed class IpLookupToolTests(LabNamespace lab, ITestOutputHelper output) : IClassFixture<LabNamespace>
{
    private IpLookupTool LabTool => new(ct => lab.ReadAsync(ct));

    [Fact]
    public async Task RunAsync_Loopback_GivesHostScopedAddressesAsIpReports()
    {
        var events = await RunAsync(new IpLookupTool(), ("interface", "lo"), ("source", "interface"));

        var rows = Rows(events, InterfaceAddresses.Table);
        Assert.Equal(
            IpJson.Addresses().Where(a => a.Interface == "lo").Select(a => $"{a.Local}/{a.PrefixLength}").Order(),
            rows.Select(r => r.Key!).Order());
        var v4 = rows.Single(r => r.Key == "127.0.0.1/8");
        Assert.Equal(("ipv4", "127.0.0.0/8", "host"), (Cell(v4, "family"), Cell(v4, "network"), Cell(v4, "scope")));
        var v6 = rows.Single(r => r.Key == "::1/128");
        Assert.Equal(("ipv6", "::1/128", "host", "128"), (Cell(v6, "family"), Cell(v6, "network"), Cell(v6, "scope"), Cell(v6, "prefixLength")));
        var result = Result(events);
        Assert.True(result.Success);
        Assert.Equal("lo: 127.0.0.1/8 (host), ::1/128 (host)", result.Summary);
        Assert.Equal("127.0.0.1", (string?)result.Data!["ipv4"]![0]!["address"]);
        Assert.Equal("host", (string?)result.Data!["ipv6"]![0]!["scope"]);
    }

    [Fact]
    public async Task RunAsync_LoopbackIPv6Only_OmitsIPv4()
    {
        var events = await RunAsync(new IpLookupTool(), ("interface", "lo"), ("family", "ipv6"));

        Assert.Equal(["::1/128"], Rows(events, InterfaceAddresses.Table).Select(r => r.Key));
        Assert.Empty(Result(events).Data!["ipv4"]!.AsArray());
    }

    [Fact]
    public async Task RunAsync_UnknownInterface_FailsListingTheInterfacesThatExist()
    {
        var events = await RunAsync(new IpLookupTool(), ("interface", "nt-nosuch0"), ("source", "interface"));

        var result = Result(events);
        Assert.False(result.Success);
        var names = IpJson.Links().Select(l => l.Name).ToList();
        Assert.Equal($"No interface named 'nt-nosuch0'. Interfaces on this host: {string.Join(", ", names)}.", result.Summary);
        Assert.Equal(names, result.Data!["existing"]!.AsArray().Select(n => (string?)n));
        Assert.Empty(events.OfType<RowEvent>());
    }

    [Fact]
    public async Task RunAsync_AutoWithNameThatIsNeitherInterfaceNorHost_FailsListingInterfaces()
    {
        var events = await RunAsync(LabTool, ("interface", "no such if"));

        var result = Result(events);
        Assert.False(result.Success);
        Assert.StartsWith("No interface named 'no such if' (it is not a valid host name either). Interfaces on this host: lo, ", result.Summary, StringComparison.Ordinal);
        Assert.Contains(Lab.Bridge, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WrongCase_SuggestsTheInterface()
    {
        var events = await RunAsync(LabTool, ("interface", "NT-BR"), ("source", "interface"));

        Assert.EndsWith($"Did you mean '{Lab.Bridge}'? (names are case-sensitive)", Result(events).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IPv6OnlyInterfaceAskedForIPv4_SaysSo()
    {
        var events = await RunAsync(LabTool, ("interface", Lab.Bridge), ("family", "ipv4"));

        var result = Result(events);
        Assert.False(result.Success);
        Assert.Equal($"{Lab.Bridge} has no IPv4 address (it has: {Lab.BridgeIPv6})", result.Summary);
        Assert.Empty(events.OfType<RowEvent>());
    }

    [Fact]
    public async Task RunAsync_InterfaceWithoutAddresses_SaysSo()
    {
        var events = await RunAsync(LabTool, ("interface", Lab.BridgePort));

        var result = Result(events);
        Assert.False(result.Success);
        Assert.Equal($"{Lab.BridgePort} has no IPv4 or IPv6 address (it has no addresses at all)", result.Summary);
    }

    [Fact]
    public async Task RunAsync_InterfaceWithSeveralAddresses_RowsMatchIpAddrWithNetworks()
    {
        var expected = IpJson.Addresses(lab.Name).Where(a => a.Interface == Lab.Veth).ToList();

        var events = await RunAsync(LabTool, ("interface", Lab.Veth));

        var rows = Rows(events, InterfaceAddresses.Table);
        Assert.Equal(expected.Select(a => $"{a.Local}/{a.PrefixLength} brd={a.Broadcast}").Order(), rows.Select(r => $"{r.Key} brd={Cell(r, "broadcast")}").Order());
        var networks = rows.ToDictionary(r => r.Key!, r => Cell(r, "network"));
        Assert.Equal("10.77.0.0/24", networks["10.77.0.1/24"]);
        Assert.Equal("192.0.2.0/28", networks["192.0.2.10/28"]);
        Assert.Equal("2001:db8:77::/64", networks["2001:db8:77::2/64"]);
        Assert.Equal("fd00:77::/64", networks["fd00:77::1/64"]);
        Assert.Equal("fe80::/64", networks["fe80::77:1/64"]);
        var data = Result(events).Data!;
        Assert.Equal((3, 4), (data["ipv4"]!.AsArray().Count, data["ipv6"]!.AsArray().Count));
        Assert.Equal("ula", (string?)data["ipv6"]!.AsArray().Single(a => (string?)a!["cidr"] == "fd00:77::1/64")!["scope"]);
    }

    [Fact]
    public async Task RunAsync_DownInterface_StillGivesItsAddresses()
    {
        var events = await RunAsync(LabTool, ("interface", Lab.Down), ("family", "ipv6"));

        Assert.True(Result(events).Success);
        Assert.Equal(["fd00:78::1/64"], Rows(events, InterfaceAddresses.Table).Select(r => r.Key));
    }

    [Fact]
    public async Task RunAsync_IPLiteralInAutoMode_NamesTheLocalInterfaceHoldingIt()
    {
        var events = await RunAsync(LabTool, ("interface", "2001:db8:77::2"));

        var row = Assert.Single(Rows(events, HostAddresses.Table));
        Assert.Equal((Lab.Veth, "2001:db8:77::2/64", "2001:db8:77::/64", "global"), (Cell(row, "interface"), Cell(row, "cidr"), Cell(row, "network"), Cell(row, "scope")));
        Assert.Equal($"2001:db8:77::2: 2001:db8:77::2 (on {Lab.Veth})", Result(events).Summary);
    }

    [Fact]
    public async Task RunAsync_IPv6LiteralAskedForIPv4_SaysSo()
    {
        var events = await RunAsync(new IpLookupTool(), ("interface", "::1"), ("family", "ipv4"));

        var result = Result(events);
        Assert.False(result.Success);
        Assert.Equal("::1 has no IPv4 address", result.Summary);
    }

    [Fact]
    public async Task RunAsync_LocalhostAsHost_ResolvesToLoopbackOnLo()
    {
        var events = await RunAsync(new IpLookupTool(), ("interface", "localhost"), ("source", "host"), ("family", "ipv4"));

        Assert.True(Result(events).Success, Result(events).Summary);
        var row = Rows(events, HostAddresses.Table).Single(r => r.Key == "127.0.0.1");
        Assert.Equal(("lo", "host", "127.0.0.0/8"), (Cell(row, "interface"), Cell(row, "scope"), Cell(row, "network")));
    }

    [Fact]
    public void Bind_MissingOrInvalidArguments_NameEachBadField()
    {
        var tool = new IpLookupTool();

        var missing = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?>());
        var invalid = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?> { ["interface"] = "lo", ["family"] = "ipv5", ["source"] = "dns" });
        var valid = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?> { ["interface"] = "lo" });

        Assert.Equal(["is required"], missing.Errors["interface"]);
        Assert.Equal(["family", "source"], invalid.Errors.Keys.Order());
        Assert.True(valid.IsValid);
        Assert.Equal(("lo", "any", "auto"), (valid.Input!.GetString("interface"), valid.Input.GetString("family"), valid.Input.GetString("source")));
    }

    [Fact]
    public async Task RunAsync_CancelledToken_StopsWithoutEvents()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var input = new ToolInput(new Dictionary<string, object> { ["interface"] = "lo" });
        var events = new List<ToolEvent>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in new IpLookupTool().RunAsync(input, new TestToolContext(), cancelled.Token))
            {
                events.Add(item);
            }
        });

        Assert.Empty(events);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileReading_EndsPromptly()
    {
        var reading = new TaskCompletionSource();
        var tool = new IpLookupTool(async ct =>
        {
            reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        });
        await using var harness = ToolHarness.Start(tool, new Dictionary<string, object> { ["interface"] = "lo" });
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var elapsed = await harness.CancelAsync(TimeSpan.FromSeconds(2));

        output.WriteLine($"cancellation took {elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(harness.Completion.IsCompleted, $"tool still running {elapsed} after cancellation");
        Assert.True(harness.Completion.IsCanceled || harness.Completion.Exception?.InnerException is OperationCanceledException);
        Assert.Empty(harness.Events);
    }
}
