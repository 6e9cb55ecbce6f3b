using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Plugins.Interfaces.Reading;
using NetToolbox.Plugins.Interfaces.Tests.Support;
using NetToolbox.Testing;
using Xunit.Abstractions;
using static NetToolbox.Plugins.Interfaces.Tests.Support.ToolRuns;

namespace NetToolbox.Plugins.Interfaces.Tests;

public sealed class InterfacesToolTests(LabNamespace lab, ITestOutputHelper output) : IClassFixture<LabNamespace>
{
    private InterfacesTool LabTool => new(ct => lab.ReadAsync(ct));

    [Fact]
    public async Task RunAsync_Host_OneRowPerInterfaceAndAddressAsIpReports()
    {
        var links = IpJson.Links();
        var addresses = IpJson.Addresses();

        var events = await RunAsync(new InterfacesTool());

        var rows = Rows(events, InterfaceRows.InterfaceTable);
        Assert.Equal(links.Select(l => l.Name), rows.Select(r => r.Key));
        foreach (var link in links)
        {
            var row = rows.Single(r => r.Key == link.Name);
            Assert.Equal(link.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(row, "index"));
            Assert.Equal(link.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(row, "mtu"));
            Assert.Equal(link.Address ?? "null", Cell(row, "mac"));
            Assert.Equal(link.OperState.ToLowerInvariant(), Cell(row, "operState"));
            Assert.Equal(IpComparison.ExpectedKind(link), Cell(row, "kind"));
        }

        var addressRows = Rows(events, InterfaceRows.AddressTable);
        Assert.Equal(
            addresses.Select(a => $"{a.Interface} {a.Local}/{a.PrefixLength}").Order(),
            addressRows.Select(r => r.Key!).Order());
        var result = Result(events);
        Assert.True(result.Success);
        Assert.Equal(links.Count, (int)result.Data!["count"]!);
        Assert.Equal(addresses.Count, (int)result.Data!["addresses"]!);
    }

    [Fact]
    public async Task RunAsync_Namespace_RowsCarryAddressesStatesAndKinds()
    {
        var events = await RunAsync(LabTool);

        var rows = Rows(events, InterfaceRows.InterfaceTable).ToDictionary(r => r.Key!);
        Assert.Equal(IpJson.Links(lab.Name).Select(l => l.Name), rows.Keys);
        var veth = rows[Lab.Veth];
        Assert.Equal("veth", Cell(veth, "kind"));
        Assert.Equal(Lab.BridgePort, Cell(veth, "link"));
        // The kernel's order, which ip shows too: primary addresses first, then secondaries.
        Assert.Equal("10.77.0.1/24 brd 10.77.0.255, 192.0.2.10/28 brd 192.0.2.15, 10.77.0.2/24", Cell(veth, "ipv4"));
        Assert.Equal(
            ["2001:db8:77::1/64 (global)", "2001:db8:77::2/64 (global)", "fd00:77::1/64 (ula)", "fe80::77:1/64 (link-local)"],
            Cell(veth, "ipv6")!.Split(", ").Order(StringComparer.Ordinal));
        Assert.Equal("10000", Cell(veth, "speedMbps"));
        Assert.Equal(("down", "down"), (Cell(rows[Lab.Down], "adminState"), Cell(rows[Lab.Down], "operState")));
        Assert.Equal("bridge", Cell(rows[Lab.Bridge], "kind"));
        Assert.Equal(Lab.Bridge, Cell(rows[Lab.BridgePort], "master"));
        Assert.Equal("tap", Cell(rows[Lab.Tap], "kind"));
        Assert.Equal("127.0.0.1/8", Cell(rows["lo"], "ipv4"));
        Assert.Equal("::1/128 (host)", Cell(rows["lo"], "ipv6"));

        var address = Rows(events, InterfaceRows.AddressTable).Single(r => r.Key == $"{Lab.Veth} fd00:77::1/64");
        Assert.Equal(("ipv6", "fd00:77::/64", "ula", "global"), (Cell(address, "family"), Cell(address, "network"), Cell(address, "scope"), Cell(address, "kernelScope")));
        var result = Result(events);
        Assert.True(result.Success);
        Assert.Equal("8 interfaces (5 up, 3 down), 12 addresses (5 IPv4, 7 IPv6)", result.Summary);
    }

    [Fact]
    public async Task RunAsync_NamePattern_ListsOnlyMatchingInterfaces()
    {
        var events = await RunAsync(LabTool, ("name", "nt-v*"));

        Assert.Equal([Lab.Veth, Lab.BridgePort], Rows(events, InterfaceRows.InterfaceTable).Select(r => r.Key).Order());
        Assert.All(Rows(events, InterfaceRows.AddressTable), r => Assert.Equal(Lab.Veth, Cell(r, "interface")));
        Assert.StartsWith("2 of 8 interfaces", Result(events).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IncludeDownFalse_HidesAdministrativelyDownInterfaces()
    {
        var events = await RunAsync(LabTool, ("includeDown", "false"));

        Assert.Equal(["lo", Lab.Bridge, Lab.Tap, Lab.Veth, Lab.BridgePort], Rows(events, InterfaceRows.InterfaceTable).Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FamilyIPv6_ShowsOnlyIPv6Addresses()
    {
        var events = await RunAsync(LabTool, ("family", "ipv6"));

        var addresses = Rows(events, InterfaceRows.AddressTable);
        Assert.Equal(7, addresses.Count);
        Assert.All(addresses, r => Assert.Equal("ipv6", Cell(r, "family")));
        Assert.Equal(string.Empty, Cell(Rows(events, InterfaceRows.InterfaceTable).Single(r => r.Key == Lab.Veth), "ipv4"));
    }

    [Fact]
    public async Task RunAsync_FilterMatchesNothing_FailsListingInterfaces()
    {
        var events = await RunAsync(LabTool, ("name", "nosuch"));

        var result = Result(events);
        Assert.False(result.Success);
        Assert.Equal($"No interface matches 'nosuch'. Interfaces: {string.Join(", ", IpJson.Links(lab.Name).Select(l => l.Name))}.", result.Summary);
        Assert.Empty(events.OfType<RowEvent>());
    }

    [Fact]
    public void Bind_ValidAndDefaultArguments_AreTyped()
    {
        var tool = new InterfacesTool();

        var defaults = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?>());
        var given = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?> { ["name"] = "eth*", ["includeDown"] = "false", ["family"] = "ipv4" });

        Assert.True(defaults.IsValid);
        Assert.True(defaults.Input!.Get<bool>("includeDown"));
        Assert.Equal("any", defaults.Input.GetString("family"));
        Assert.False(defaults.Input.Has("name"));
        Assert.True(given.IsValid);
        Assert.False(given.Input!.Get<bool>("includeDown"));
        Assert.Equal("eth*", given.Input.GetString("name"));
    }

    [Fact]
    public void Bind_InvalidArguments_NameEachBadField()
    {
        var tool = new InterfacesTool();

        var result = ArgumentBinder.Bind(tool.Descriptor, new Dictionary<string, string?> { ["family"] = "ipv5", ["includeDown"] = "maybe", ["colour"] = "red" });

        Assert.False(result.IsValid);
        Assert.Equal(["colour", "family", "includeDown"], result.Errors.Keys.Order());
    }

    [Fact]
    public async Task RunAsync_CancelledToken_StopsWithoutRows()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var events = new List<ToolEvent>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in new InterfacesTool().RunAsync(new ToolInput(new Dictionary<string, object>()), new TestToolContext(), cancelled.Token))
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
        var tool = new InterfacesTool(async ct =>
        {
            reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return InterfaceReader.Read(ct);
        });
        await using var harness = ToolHarness.Start(tool, new Dictionary<string, object>());
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var elapsed = await harness.CancelAsync(TimeSpan.FromSeconds(2));

        output.WriteLine($"cancellation took {elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(harness.Completion.IsCompleted, $"tool still running {elapsed} after cancellation");
        Assert.True(harness.Completion.IsCanceled || harness.Completion.Exception?.InnerException is OperationCanceledException);
        Assert.Empty(harness.Events.OfType<RowEvent>());
    }
}
