using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>
/// The addresses a sweep probes. Like fping -g, an IPv4 range skips its network and broadcast addresses
/// (except /31 and /32, RFC 3021); an IPv6 range skips its all-zeros Subnet-Router anycast address
/// (except /127 and /128) — IPv6 has no broadcast.
/// </summary>
internal static class SweepRange
{
    /// <summary>How many addresses <see cref="Enumerate"/> yields.</summary>
    public static BigInteger CountHosts(IPNetwork network)
    {
        var bits = Bits(network) - network.PrefixLength;
        var total = BigInteger.One << bits;
        return total - SkippedCount(network);
    }

    public static IEnumerable<IPAddress> Enumerate(IPNetwork network)
    {
        var bits = Bits(network);
        var size = BigInteger.One << (bits - network.PrefixLength);
        var start = ToInteger(network.BaseAddress);
        var first = BigInteger.Zero;
        var last = size - 1;
        if (SkippedCount(network) > 0)
        {
            first = 1;
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                last = size - 2;
            }
        }

        for (var offset = first; offset <= last; offset++)
        {
            yield return FromInteger(start + offset, network.BaseAddress.AddressFamily);
        }
    }

    private static int SkippedCount(IPNetwork network)
    {
        var hostBits = Bits(network) - network.PrefixLength;
        if (hostBits < 2)
        {
            return 0;
        }

        return network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 2 : 1;
    }

    private static int Bits(IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static BigInteger ToInteger(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static IPAddress FromInteger(BigInteger value, AddressFamily family)
    {
        var bytes = new byte[family == AddressFamily.InterNetwork ? 4 : 16];
        value.TryWriteBytes(bytes, out var written, isUnsigned: true, isBigEndian: true);

        // TryWriteBytes writes the minimal big-endian form; right-align it.
        if (written < bytes.Length)
        {
            Array.Copy(bytes, 0, bytes, bytes.Length - written, written);
            Array.Clear(bytes, 0, bytes.Length - written);
        }

        return new IPAddress(bytes);
    }
}
