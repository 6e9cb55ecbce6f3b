namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// Reads every interface and address of the calling thread's network namespace over NETLINK_ROUTE
/// (RTM_GETLINK + RTM_GETADDR dumps, as <c>ip link</c>/<c>ip addr</c> do), plus link speed via SIOCETHTOOL.
/// Netlink gives what /proc and the BCL do not: IPv4 broadcast, IPv6 prefix and scope, address flags, link kind.
/// </summary>
internal static class InterfaceReader
{
    /// <summary>
    /// How often to re-read when the kernel flags a dump as interrupted (an interface or address changed
    /// mid-dump). Changes come in bursts, so a few immediate retries get a consistent view; after the last
    /// one the data is used as it is (every message in an interrupted dump is still a valid record).
    /// </summary>
    private const int MaxAttempts = 5;

    /// <summary>Reads on a thread-pool thread, i.e. in the process's own network namespace.</summary>
    public static Task<InterfaceSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Read(cancellationToken), cancellationToken);

    /// <summary>Reads the current thread's namespace synchronously (a dump takes about a millisecond).</summary>
    public static InterfaceSnapshot Read(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var socket = NetlinkRouteSocket.Open();
            var links = socket.Dump(LinkMessageParser.GetLink, LinkMessageParser.DumpRequest(), cancellationToken);
            var addresses = socket.Dump(AddressMessageParser.GetAddress, AddressMessageParser.DumpRequest(), cancellationToken);
            if ((links.Interrupted || addresses.Interrupted) && attempt < MaxAttempts)
            {
                continue;
            }

            return Compose(socket, links, addresses, cancellationToken);
        }
    }

    private static InterfaceSnapshot Compose(NetlinkRouteSocket socket, NetlinkDump linkDump, NetlinkDump addressDump, CancellationToken cancellationToken)
    {
        var links = new SortedDictionary<int, LinkRecord>();
        foreach (var message in linkDump.Messages)
        {
            if (LinkMessageParser.Parse(message) is { } link)
            {
                links[link.Index] = link;
            }
        }

        // An address whose link is not in the link dump belongs to an interface created after it: leave it
        // out rather than show an address without its interface.
        var addressesByIndex = new Dictionary<int, List<AddressRecord>>();
        foreach (var message in addressDump.Messages)
        {
            if (AddressMessageParser.Parse(message) is { } address && links.ContainsKey(address.InterfaceIndex))
            {
                if (!addressesByIndex.TryGetValue(address.InterfaceIndex, out var list))
                {
                    addressesByIndex[address.InterfaceIndex] = list = [];
                }

                if (!list.Contains(address))
                {
                    list.Add(address);
                }
            }
        }

        var sysfsIsOurs = SysfsView.DescribesCurrentThread();
        var interfaces = new List<NetInterface>(links.Count);
        foreach (var link in links.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var peer = link.LinkIndex is { } lower && links.TryGetValue(lower, out var found) ? found : null;
            var wireless = link.HardwareType == LinkNames.ArphrdEther && link.InfoKind is null && sysfsIsOurs && SysfsView.IsWireless(link.Name);
            interfaces.Add(new NetInterface(
                link,
                InterfaceKinds.Classify(link, wireless),
                link.AdminUp ? EthtoolSpeed.ReadMbps(socket.Descriptor, link.Name) : null,
                link.MasterIndex is { } master && links.TryGetValue(master, out var parent) ? parent.Name : null,
                peer?.Name,
                peer is { AdminUp: false },
                addressesByIndex.TryGetValue(link.Index, out var list) ? list : []));
        }

        return new InterfaceSnapshot(interfaces);
    }
}
