using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Scope names and network prefixes of interface addresses.</summary>
internal static class AddressScopes
{
    public const byte ScopeUniverse = 0;
    public const byte ScopeSite = 200;
    public const byte ScopeLink = 253;
    public const byte ScopeHost = 254;
    public const byte ScopeNowhere = 255;

    /// <summary>The kernel scope as iproute2 names it (rt_scope_t).</summary>
    public static string KernelScopeName(byte scope) => scope switch
    {
        ScopeUniverse => "global",
        ScopeSite => "site",
        ScopeLink => "link",
        ScopeHost => "host",
        ScopeNowhere => "nowhere",
        _ => scope.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Our scope word for an address: "host" (loopback), "link-local", "site", "ula" (IPv6 fc00::/7, which the
    /// kernel calls global) or "global". The kernel scope decides; the address only refines global ones, and an
    /// IPv4 169.254/16 address (which the kernel keeps global unless told) counts as link-local.
    /// </summary>
    public static string Describe(IPAddress address, byte kernelScope) => kernelScope switch
    {
        ScopeHost => "host",
        ScopeLink => "link-local",
        ScopeSite => "site",
        ScopeNowhere => "nowhere",
        ScopeUniverse => Classify(address),
        _ => KernelScopeName(kernelScope),
    };

    /// <summary>The scope word for an address seen on its own (e.g. from the resolver), by its numeric range.</summary>
    public static string Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (IPAddress.IsLoopback(address))
        {
            return "host";
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal)
            {
                return "link-local";
            }

            if (address.IsIPv6SiteLocal)
            {
                return "site";
            }

            return address.IsIPv6UniqueLocal ? "ula" : "global";
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return bytes[0] == 169 && bytes[1] == 254 ? "link-local" : "global";
    }

    /// <summary>The network holding <paramref name="address"/>: its host bits cleared, e.g. 192.0.2.7/24 → 192.0.2.0/24.</summary>
    public static IPNetwork NetworkOf(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        for (var bit = prefixLength; bit < length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }
}
