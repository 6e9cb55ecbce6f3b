using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>Turns the host argument into one address, the way ping does: a literal as is, a name through the resolver.</summary>
/// <param name="lookup">Resolves a name; <see cref="Dns.GetHostAddressesAsync(string, AddressFamily, CancellationToken)"/> by default, tests hand in their own.</param>
internal sealed class HostResolver(Func<string, AddressFamily, CancellationToken, Task<IPAddress[]>> lookup)
{
    /// <summary>The system resolver (/etc/hosts, then DNS).</summary>
    public static HostResolver Default { get; } = new(Dns.GetHostAddressesAsync);

    /// <summary>The address to ping, or null with the resolver's own message (e.g. "Name or service not known").</summary>
    public async Task<(IPAddress? Address, string? Error)> ResolveAsync(string host, AddressFamily? family, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return (literal, null);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await lookup(host, family ?? AddressFamily.Unspecified, cancellationToken).ConfigureAwait(false);
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
