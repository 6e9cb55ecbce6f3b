using System.Text.Json.Nodes;

namespace NetToolbox.Web.Components.Runs;

/// <summary>
/// One-click follow-ups for a table row that names an address (a sweep's hosts, an interface's addresses): open the pinger,
/// waiter or forwarder with that address filled in. Links only; the tool page validates as usual.
/// </summary>
internal static class RowActions
{
    private const string AddressColumn = "address";

    /// <summary>A follow-up link.</summary>
    internal sealed record Action(string Label, string Icon, string Href, string ToolId);

    /// <summary>The column index that holds an address, or -1.</summary>
    public static int AddressIndex(IReadOnlyList<string> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], AddressColumn, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Follow-ups for the row's address (none when the cell is empty).</summary>
    public static IReadOnlyList<Action> For(IReadOnlyList<JsonNode?> row, int addressIndex)
    {
        if (addressIndex < 0 || addressIndex >= row.Count || row[addressIndex] is not JsonValue cell
            || !cell.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var address = StripPrefix(text.Trim());
        var endpoint = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:80" : $"{address}:80";
        return
        [
            new("Ping", MudBlazor.Icons.Material.Filled.NetworkPing, Link("pinger", "host", address), "pinger"),
            new("Wait", MudBlazor.Icons.Material.Filled.HourglassTop, Link("waiter", "targets", endpoint), "waiter"),
            new("Forward", MudBlazor.Icons.Material.Filled.CompareArrows, Link("forwarder", "target", endpoint), "forwarder"),
        ];
    }

    // "10.0.0.5/24" → "10.0.0.5"; "fe80::1%eth0" keeps its zone (the pinger accepts it).
    private static string StripPrefix(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? address[..slash] : address;
    }

    private static string Link(string toolId, string parameter, string value) =>
        $"tools/{toolId}?{Uri.EscapeDataString(parameter)}={Uri.EscapeDataString(value)}";
}
