using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>What the kernel reports for one address in an RTM_NEWADDR message.</summary>
/// <param name="InterfaceIndex">ifa_index of the interface holding the address.</param>
/// <param name="Address">The local address (IFA_LOCAL, else IFA_ADDRESS), as <c>ip addr</c> shows it.</param>
/// <param name="PrefixLength">ifa_prefixlen.</param>
/// <param name="Peer">The peer of a point-to-point address (IFA_ADDRESS when it differs from IFA_LOCAL).</param>
/// <param name="Broadcast">IFA_BROADCAST, IPv4 only, null when none was configured.</param>
/// <param name="KernelScope">ifa_scope: 0 global (universe), 200 site, 253 link, 254 host, 255 nowhere.</param>
/// <param name="Flags">IFA_F_* flags (IFA_FLAGS when present, else ifa_flags).</param>
/// <param name="Label">IFA_LABEL (IPv4 only), e.g. <c>eth0:1</c>.</param>
/// <param name="ValidLifetime">Seconds left of the valid lifetime, null when forever.</param>
/// <param name="PreferredLifetime">Seconds left of the preferred lifetime, null when forever.</param>
internal sealed record AddressRecord(
    int InterfaceIndex,
    IPAddress Address,
    int PrefixLength,
    IPAddress? Peer,
    IPAddress? Broadcast,
    byte KernelScope,
    uint Flags,
    string? Label,
    uint? ValidLifetime,
    uint? PreferredLifetime)
{
    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>"ipv4" or "ipv6".</summary>
    public string Family => IsIPv4 ? "ipv4" : "ipv6";

    /// <summary>Address and prefix, e.g. <c>192.0.2.1/24</c>.</summary>
    public string Cidr => $"{Address}/{PrefixLength}";

    /// <summary>The network the address is in, e.g. <c>192.0.2.0/24</c> or the IPv6 <c>/64</c> prefix.</summary>
    public IPNetwork Network => AddressScopes.NetworkOf(Address, PrefixLength);

    /// <summary>Our scope name: host, link-local, site, ula, global (see <see cref="AddressScopes.Describe"/>).</summary>
    public string Scope => AddressScopes.Describe(Address, KernelScope);

    /// <summary>The kernel's scope as <c>ip addr</c> prints it: global, site, link, host, nowhere.</summary>
    public string KernelScopeName => AddressScopes.KernelScopeName(KernelScope);

    /// <summary>The flag words <c>ip addr</c> prints (secondary, tentative, dynamic…), in its order.</summary>
    public IReadOnlyList<string> FlagNames => AddressFlags.Names(Flags, IsIPv4);
}
