namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>The replies of one dump, and whether the kernel flagged it as interrupted by a concurrent change.</summary>
internal sealed record NetlinkDump(IReadOnlyList<NetlinkMessage> Messages, bool Interrupted);
