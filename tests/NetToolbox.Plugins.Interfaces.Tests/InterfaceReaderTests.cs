using NetToolbox.Plugins.Interfaces.Reading;
using NetToolbox.Plugins.Interfaces.Tests.Support;

namespace NetToolbox.Plugins.Interfaces.Tests;

public sealed class InterfaceReaderTests(LabNamespace lab) : IClassFixture<LabNamespace>
{
    [Fact]
    public void Read_HostNamespace_MatchesIpLinkAndIpAddr()
    {
        var before = IpJson.Links();
        var addresses = IpJson.Addresses();
        var snapshot = InterfaceReader.Read(CancellationToken.None);
        var after = IpJson.Links();

        IpComparison.AssertMatches(snapshot, before, addresses, after);
        Assert.Contains(snapshot.Interfaces, i => i.Kind == "loopback" && i.Name == "lo");
    }

    [Fact]
    public void Read_HostNamespace_SpeedsMatchSysfs()
    {
        var snapshot = InterfaceReader.Read(CancellationToken.None);
        var sysfs = snapshot.Interfaces.ToDictionary(i => i.Name, i => SysfsSpeed(i.Name));

        IpComparison.AssertSpeeds(snapshot, sysfs);
    }

    [Fact]
    public async Task Read_TestNamespace_MatchesIpLinkAndIpAddr()
    {
        var before = IpJson.Links(lab.Name);
        var addresses = IpJson.Addresses(lab.Name);
        var snapshot = await lab.ReadAsync();
        var after = IpJson.Links(lab.Name);

        IpComparison.AssertMatches(snapshot, before, addresses, after);
        Assert.Equal(8, snapshot.Interfaces.Count);
    }

    [Fact]
    public async Task Read_TestNamespace_SpeedsMatchTheNamespacesSysfs()
    {
        var snapshot = await lab.ReadAsync();

        IpComparison.AssertSpeeds(snapshot, lab.SysfsSpeeds());
        Assert.Equal(10000, snapshot.Find(Lab.Veth)!.SpeedMbps);
        Assert.Null(snapshot.Find(Lab.Down)!.SpeedMbps);
        Assert.Null(snapshot.Find("lo")!.SpeedMbps);
    }

    [Fact]
    public async Task Read_TestNamespace_DetectsKinds()
    {
        var snapshot = await lab.ReadAsync();

        Assert.Equal("loopback", snapshot.Find("lo")!.Kind);
        Assert.Equal("veth", snapshot.Find(Lab.Veth)!.Kind);
        Assert.Equal("veth", snapshot.Find(Lab.Down)!.Kind);
        Assert.Equal("bridge", snapshot.Find(Lab.Bridge)!.Kind);
        Assert.Equal("tap", snapshot.Find(Lab.Tap)!.Kind);
        Assert.Equal("tun", snapshot.Find(Lab.Tun)!.Kind);
        Assert.Equal(Lab.Bridge, snapshot.Find(Lab.BridgePort)!.Master);
        Assert.Null(snapshot.Find(Lab.Tun)!.Mac);
    }

    [Fact]
    public async Task Read_TestNamespace_ReportsStates()
    {
        var snapshot = await lab.ReadAsync();

        var veth = snapshot.Find(Lab.Veth)!;
        Assert.Equal(("up", "up"), (veth.AdminState, veth.OperState));
        var down = snapshot.Find(Lab.Down)!;
        Assert.Equal(("down", "down"), (down.AdminState, down.OperState));
        var tap = snapshot.Find(Lab.Tap)!;
        Assert.Equal(("up", "down"), (tap.AdminState, tap.OperState));
        Assert.Contains("NO-CARRIER", tap.FlagNames);
        Assert.Equal("unknown", snapshot.Find("lo")!.OperState);
        Assert.Equal(1400, veth.Link.Mtu);
    }

    [Fact]
    public async Task Read_InterfaceWithSeveralAddresses_ReportsPrefixBroadcastAndScope()
    {
        var snapshot = await lab.ReadAsync();
        var veth = snapshot.Find(Lab.Veth)!;
        var byCidr = veth.Addresses.ToDictionary(a => a.Cidr);

        Assert.Equal(Lab.VethAddresses.Select(a => a.Cidr).Order(), byCidr.Keys.Order());
        Assert.Equal("10.77.0.255", byCidr["10.77.0.1/24"].Broadcast?.ToString());
        Assert.Equal("10.77.0.0/24", byCidr["10.77.0.1/24"].Network.ToString());
        Assert.Null(byCidr["10.77.0.2/24"].Broadcast);
        Assert.Contains("secondary", byCidr["10.77.0.2/24"].FlagNames);
        Assert.Equal("192.0.2.15", byCidr["192.0.2.10/28"].Broadcast?.ToString());
        Assert.Equal("192.0.2.0/28", byCidr["192.0.2.10/28"].Network.ToString());
        Assert.Equal("nt-va:1", byCidr["192.0.2.10/28"].Label);
        Assert.Equal("global", byCidr["2001:db8:77::1/64"].Scope);
        Assert.Equal("2001:db8:77::/64", byCidr["2001:db8:77::2/64"].Network.ToString());
        Assert.Equal("ula", byCidr["fd00:77::1/64"].Scope);
        Assert.Equal("global", byCidr["fd00:77::1/64"].KernelScopeName);
        Assert.Equal("link-local", byCidr["fe80::77:1/64"].Scope);
        Assert.All(veth.Addresses, a => Assert.Null(a.ValidLifetime));
    }

    [Fact]
    public async Task Read_DownInterface_KeepsItsAddresses()
    {
        var snapshot = await lab.ReadAsync();

        Assert.Equal(Lab.DownAddresses, snapshot.Find(Lab.Down)!.Addresses.Select(a => a.Cidr));
        Assert.Equal("10.78.0.255", snapshot.Find(Lab.Down)!.Addresses[0].Broadcast?.ToString());
    }

    [Fact]
    public async Task Read_Loopback_HasHostScopedAddresses()
    {
        var snapshot = await lab.ReadAsync();
        var loopback = snapshot.Find("lo")!;

        Assert.Equal(["127.0.0.1/8 host", "::1/128 host"], loopback.Addresses.Select(a => $"{a.Cidr} {a.Scope}"));
        Assert.Equal("00:00:00:00:00:00", loopback.Mac);
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => InterfaceReader.Read(cancelled.Token));
    }

    private static long? SysfsSpeed(string name)
    {
        try
        {
            return long.TryParse(File.ReadAllText($"/sys/class/net/{name}/speed"), out var speed) && speed >= 0 ? speed : null;
        }
        catch (IOException)
        {
            return null; // EINVAL: the link is down or its driver has no speed
        }
    }
}
