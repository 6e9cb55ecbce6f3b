using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.IpLookup;

/// <summary>
/// The lookup of a host name or IP literal: every address the resolver gives (A and AAAA), each marked with the
/// local interface holding it, if any, so "which of my interfaces is this?" is answered too.
/// </summary>
internal static class HostAddresses
{
    public const string Table = "addresses";

    /// <summary>
    /// Row columns: host, family, address, scope (by address range: host, link-local, site, ula, global),
    /// interface (the local interface holding the address, else null), cidr and network (of that local address).
    /// </summary>
    public static readonly IReadOnlyList<string> Columns = ["host", "family", "address", "scope", "interface", "cidr", "network"];

    /// <summary>Resolves <paramref name="options"/>' name; an IP literal is taken as it is, without the resolver.</summary>
    public static async Task<Resolution> ResolveAsync(LookupOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IPAddress.TryParse(options.Name, out var literal))
        {
            return new Resolution(options.Wants(literal.AddressFamily) ? [literal] : [], null);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(options.Name, options.AddressFamily, cancellationToken)
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            return new Resolution([.. addresses.Where(a => options.Wants(a.AddressFamily)).Distinct()], null);
        }
        catch (SocketException ex)
        {
            return new Resolution([], ex.Message);
        }
    }

    public static IEnumerable<ToolEvent> Describe(LookupOptions options, IReadOnlyList<IPAddress> addresses, InterfaceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (addresses.Count == 0)
        {
            var family = options.FamilyLabel ?? "IPv4 or IPv6";
            yield return new ResultEvent(
                false,
                $"{options.Name} has no {family} address",
                new JsonObject { ["source"] = "host", ["host"] = options.Name, ["family"] = options.Family });
            yield break;
        }

        var described = new JsonArray();
        foreach (var address in addresses)
        {
            var owner = snapshot.Owner(address);
            var family = address.AddressFamily == AddressFamily.InterNetwork ? "ipv4" : "ipv6";
            var scope = AddressScopes.Classify(address);
            yield return new RowEvent(
                Columns,
                [
                    options.Name,
                    family,
                    address.ToString(),
                    scope,
                    owner?.Interface.Name,
                    owner?.Address.Cidr,
                    owner?.Address.Network.ToString(),
                ],
                Key: address.ToString(),
                Table: Table);
            described.Add(new JsonObject
            {
                ["family"] = family,
                ["address"] = address.ToString(),
                ["scope"] = scope,
                ["interface"] = owner?.Interface.Name,
                ["cidr"] = owner?.Address.Cidr,
            });
        }

        var summary = string.Join(", ", addresses.Select(a => snapshot.Owner(a) is { } owner ? $"{a} (on {owner.Interface.Name})" : a.ToString()));
        yield return new ResultEvent(
            true,
            $"{options.Name}: {summary}",
            new JsonObject { ["source"] = "host", ["host"] = options.Name, ["addresses"] = described });
    }

    /// <summary>The resolver's answer: addresses, or why there are none.</summary>
    internal sealed record Resolution(IReadOnlyList<IPAddress> Addresses, string? Error);
}
