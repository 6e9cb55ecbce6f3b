namespace NetToolbox.Plugins.Forwarder;

/// <summary>Where a relayed connection is in its life.</summary>
internal enum ConnectionState
{
    /// <summary>Accepted; the target is being resolved and connected.</summary>
    Connecting,

    /// <summary>Relaying both directions.</summary>
    Open,

    /// <summary>One side has shut down its sending direction; the other direction is still relayed.</summary>
    HalfClosed,

    /// <summary>Both sockets are closed; the close reason is final.</summary>
    Closed,
}

/// <summary>Text forms of <see cref="ConnectionState"/> used in rows.</summary>
internal static class ConnectionStateText
{
    public static string ToText(this ConnectionState state) => state switch
    {
        ConnectionState.Connecting => "connecting",
        ConnectionState.Open => "open",
        ConnectionState.HalfClosed => "half-closed",
        _ => "closed",
    };
}
