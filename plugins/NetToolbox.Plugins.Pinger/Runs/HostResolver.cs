using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>Turns the host argument into one address, the way ping does: a literal as is, a name through the system resolver.</summary>
internal static class HostResolver
{
    /// <summary>The address to ping, or null with the resolver's own message (e.g. "Name or service not known").</summary>
    public static async Task<(IPAddress? Address, string? Error)> ResolveAsync(string host, AddressFamily? family, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return (literal, null);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, family ?? AddressFamily.Unspecified, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return (null, $"{host}: {ex.Message}");
        }

        var usable = addresses.FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        return usable is null
            ? (null, $"{host}: no {(family is null ? string.Empty : SocketBinding.Describe(family.Value) + " ")}address")
            : (usable, null);
    }
}
