using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>Field-by-field comparison of a reader snapshot with what <c>ip -j</c> printed for the same namespace.</summary>
internal static class IpComparison
{
    private static readonly string[] Counters =
        ["rx.bytes", "rx.packets", "rx.errors", "rx.dropped", "tx.bytes", "tx.packets", "tx.errors", "tx.dropped"];

    /// <summary>The kind the reader should report for a link, derived from ip's linkinfo and link_type.</summary>
    public static string ExpectedKind(IpLink link) => link.InfoKind switch
    {
        "tun" => link.TunType ?? "tun",
        "ipip" or "sit" or "gre" or "gretap" or "ip6gre" or "ip6gretap" or "ip6tnl" or "vti" or "vti6" => "tunnel",
        { } kind => kind,
        null => link.LinkType switch
        {
            "loopback" => "loopback",
            "ether" => "ethernet",
            _ => link.LinkType,
        },
    };

    /// <summary>
    /// Asserts that every link and address agrees with ip's output taken just before the read; traffic counters,
    /// which move while the test runs, must lie between ip's values before and after the read.
    /// </summary>
    public static void AssertMatches(InterfaceSnapshot snapshot, IReadOnlyList<IpLink> before, IReadOnlyList<IpAddress> addresses, IReadOnlyList<IpLink> after)
    {
        Assert.Equal(before.Select(l => l.Name).Order(), snapshot.Interfaces.Select(i => i.Name).Order());
        var afterByName = after.ToDictionary(l => l.Name);
        foreach (var link in before)
        {
            var item = snapshot.Find(link.Name);
            Assert.NotNull(item);
            var what = $"interface {link.Name}";
            Assert.True(link.Index == item.Index, $"{what}: index {item.Index}, ip says {link.Index}");
            Assert.True(link.Mtu == item.Link.Mtu, $"{what}: mtu {item.Link.Mtu}, ip says {link.Mtu}");
            Assert.True(link.Address == item.Mac, $"{what}: mac {item.Mac}, ip says {link.Address}");
            Assert.True(string.Equals(link.OperState, item.OperState, StringComparison.OrdinalIgnoreCase), $"{what}: operstate {item.OperState}, ip says {link.OperState}");
            Assert.True(link.LinkType == item.LinkType, $"{what}: link type {item.LinkType}, ip says {link.LinkType}");
            Assert.True(link.Master == item.Master, $"{what}: master {item.Master}, ip says {link.Master}");
            Assert.True(link.Link == item.Peer, $"{what}: link {item.Peer}, ip says {link.Link}");
            Assert.True(link.Flags.SetEquals(item.FlagNames), $"{what}: flags {string.Join(',', item.FlagNames)}, ip says {string.Join(',', link.Flags)}");
            Assert.True((link.Flags.Contains("UP") ? "up" : "down") == item.AdminState, $"{what}: admin state {item.AdminState}");
            Assert.True(ExpectedKind(link) == item.Kind, $"{what}: kind {item.Kind}, ip's linkinfo says {ExpectedKind(link)}");
            AssertCounters(what, item, link, afterByName[link.Name]);
            AssertAddresses(item, addresses.Where(a => a.Interface == link.Name).ToList());
        }
    }

    /// <summary>Speeds agree with /sys/class/net/&lt;if&gt;/speed of the same namespace.</summary>
    public static void AssertSpeeds(InterfaceSnapshot snapshot, IReadOnlyDictionary<string, long?> sysfs)
    {
        foreach (var item in snapshot.Interfaces)
        {
            Assert.True(sysfs.ContainsKey(item.Name), $"sysfs has no {item.Name}");
            Assert.True(sysfs[item.Name] == item.SpeedMbps, $"{item.Name}: speed {item.SpeedMbps}, sysfs says {sysfs[item.Name]}");
        }
    }

    private static void AssertCounters(string what, NetInterface item, IpLink before, IpLink after)
    {
        var counters = item.Link.Counters;
        Assert.NotNull(counters);
        var ours = new Dictionary<string, ulong>
        {
            ["rx.bytes"] = counters.RxBytes,
            ["rx.packets"] = counters.RxPackets,
            ["rx.errors"] = counters.RxErrors,
            ["rx.dropped"] = counters.RxDropped,
            ["tx.bytes"] = counters.TxBytes,
            ["tx.packets"] = counters.TxPackets,
            ["tx.errors"] = counters.TxErrors,
            ["tx.dropped"] = counters.TxDropped,
        };
        foreach (var name in Counters)
        {
            Assert.True(
                before.Stats[name] <= ours[name] && ours[name] <= after.Stats[name],
                $"{what}: {name} {ours[name]} is not between ip's {before.Stats[name]} and {after.Stats[name]}");
        }
    }

    private static void AssertAddresses(NetInterface item, List<IpAddress> expected)
    {
        static string Describe(string family, string local, int prefix, string? peer, string? broadcast, string scope, string? label, IEnumerable<string> flags, long valid, long preferred) =>
            $"{family} {local}/{prefix} peer={peer} brd={broadcast} scope={scope} label={label} flags={string.Join(',', flags.Order())} valid={Lifetime(valid)} preferred={Lifetime(preferred)}";

        // Finite lifetimes count down between ip's read and ours; whether one is finite is what must agree.
        static string Lifetime(long seconds) => seconds == uint.MaxValue ? "forever" : "finite";

        var theirs = expected
            .Select(a => Describe(a.Family, a.Local, a.PrefixLength, a.Peer, a.Broadcast, a.Scope, a.Label, a.Flags, a.ValidLifetime, a.PreferredLifetime))
            .Order()
            .ToList();
        var ours = item.Addresses
            .Select(a => Describe(
                a.IsIPv4 ? "inet" : "inet6",
                a.Address.ToString(),
                a.PrefixLength,
                a.Peer?.ToString(),
                a.Broadcast?.ToString(),
                a.KernelScopeName,
                a.Label,
                a.FlagNames,
                a.ValidLifetime ?? uint.MaxValue,
                a.PreferredLifetime ?? uint.MaxValue))
            .Order()
            .ToList();
        Assert.Equal(theirs, ours);
    }
}
