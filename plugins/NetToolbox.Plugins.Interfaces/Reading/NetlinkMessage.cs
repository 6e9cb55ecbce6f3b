namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>One message of a netlink dump: its type (e.g. RTM_NEWLINK) and the bytes after the 16-byte header.</summary>
internal readonly record struct NetlinkMessage(ushort Type, ReadOnlyMemory<byte> Payload);
