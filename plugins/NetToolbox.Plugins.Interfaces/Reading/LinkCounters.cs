namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Traffic counters of one interface since it was created (struct rtnl_link_stats64).</summary>
internal sealed record LinkCounters(
    ulong RxBytes,
    ulong RxPackets,
    ulong RxErrors,
    ulong RxDropped,
    ulong TxBytes,
    ulong TxPackets,
    ulong TxErrors,
    ulong TxDropped);
