using System.Globalization;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>The events that describe the forwarder: the per-connection table and the listener row.</summary>
internal static class ConnectionRows
{
    /// <summary>Table of relayed connections, one row per connection keyed by its id.</summary>
    public const string ConnectionsTable = "connections";

    /// <summary>Table with the single row saying where the forwarder listens (port 0 resolved).</summary>
    public const string ListenerTable = "listener";

    private static readonly string[] ConnectionColumns =
        ["id", "client", "remote", "state", "bytesUp", "bytesDown", "duration", "closeReason"];

    private static readonly string[] ListenerColumns = ["endpoint", "address", "port", "target"];

    /// <summary>
    /// A row for <paramref name="connection"/>: bytesUp is client → target, bytesDown target → client,
    /// duration in seconds, closeReason null while open.
    /// </summary>
    public static RowEvent Connection(RelayConnection connection, ConnectionState state, long up, long down)
    {
        JsonNode?[] values =
        [
            connection.Id,
            connection.Client,
            connection.Remote,
            state.ToText(),
            up,
            down,
            Math.Round(connection.DurationSeconds, 3),
            state == ConnectionState.Closed ? connection.CloseReason : null,
        ];
        return new RowEvent(ConnectionColumns, values, connection.Id.ToString(CultureInfo.InvariantCulture), ConnectionsTable);
    }

    /// <summary>The listener row: the bound endpoint, its address (or socket path) and port, and the target.</summary>
    public static RowEvent Listener(string endpoint, string address, int? port, string target) =>
        new(ListenerColumns, [endpoint, address, port, target], "listener", ListenerTable);

    /// <summary>Bytes as people read them: 512 B, 1.5 KiB, 3.2 MiB, 1.1 GiB.</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
