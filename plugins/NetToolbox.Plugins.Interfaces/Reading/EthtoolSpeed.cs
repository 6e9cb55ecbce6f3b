using System.Text;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// Link speed through the SIOCETHTOOL ioctl (ETHTOOL_GSET, allowed without CAP_NET_ADMIN). This is the value
/// /sys/class/net/&lt;if&gt;/speed shows, but unlike sysfs, which always reflects the namespace it was mounted
/// in, the ioctl answers for the namespace of the socket it is issued on.
/// </summary>
internal static class EthtoolSpeed
{
    /// <summary>ETHTOOL_GSET from linux/ethtool.h.</summary>
    private const uint GetSettings = 0x1;

    /// <summary>sizeof(struct ethtool_cmd): speed is the u16 at offset 12, speed_hi the u16 at offset 28.</summary>
    private const int CommandLength = 44;

    /// <summary>sizeof(struct ifreq) on 64-bit Linux: char ifr_name[16] then a union holding ifr_data at offset 16.</summary>
    private const int RequestLength = 40;

    /// <summary>IFNAMSIZ: names are at most 15 bytes plus NUL.</summary>
    private const int NameSize = 16;

    /// <summary>SPEED_UNKNOWN (-1) as it comes back in speed|speed_hi.</summary>
    private const uint Unknown = uint.MaxValue;

    /// <summary>
    /// The speed in Mbit/s, or null when the driver does not know it (virtio reports SPEED_UNKNOWN), has no
    /// ethtool support (loopback, tun), or the interface vanished (ENODEV). Like sysfs, callers ask only for
    /// interfaces that are administratively up: a down link's speed is not meaningful.
    /// </summary>
    public static unsafe long? ReadMbps(LinuxInterop.SafeFileDescriptor socket, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> nameBytes = stackalloc byte[NameSize];
        nameBytes.Clear();
        if (!Encoding.UTF8.TryGetBytes(name, nameBytes[..(NameSize - 1)], out _))
        {
            return null;
        }

        var command = stackalloc byte[CommandLength];
        new Span<byte>(command, CommandLength).Clear();
        *(uint*)command = GetSettings;

        var request = stackalloc byte[RequestLength];
        new Span<byte>(request, RequestLength).Clear();
        nameBytes.CopyTo(new Span<byte>(request, NameSize));
        *(byte**)(request + NameSize) = command;

        if (LinuxInterop.IoControl(socket, LinuxInterop.SiocEthtool, request) != 0)
        {
            return null;
        }

        var speed = *(ushort*)(command + 12) | ((uint)*(ushort*)(command + 28) << 16);
        return speed == Unknown ? null : speed;
    }
}
