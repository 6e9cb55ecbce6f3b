namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// What <see cref="StatsPublisher"/> last reported about a connection, and when its bytes last moved.
/// Touched only by the publisher's single loop, so it needs no synchronisation.
/// </summary>
internal sealed class PublishedView
{
    /// <summary>Whether the accept has been logged.</summary>
    public bool Announced { get; set; }

    /// <summary>The state in the last row, or null before the first row.</summary>
    public ConnectionState? State { get; set; }

    /// <summary>Bytes client → target in the last row.</summary>
    public long Up { get; set; }

    /// <summary>Bytes target → client in the last row.</summary>
    public long Down { get; set; }

    /// <summary>Total bytes seen at <see cref="LastActivity"/>.</summary>
    public long SeenTotal { get; set; } = -1;

    /// <summary>Timestamp at which the byte total last changed (or the connection was first seen open).</summary>
    public long LastActivity { get; set; }
}
