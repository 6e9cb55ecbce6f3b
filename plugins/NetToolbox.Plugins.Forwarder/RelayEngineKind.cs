namespace NetToolbox.Plugins.Forwarder;

/// <summary>Which data path relays a forwarder's connections.</summary>
internal enum RelayEngineKind
{
    /// <summary>The epoll engine where the platform has it (Linux x64/arm64), else the managed one.</summary>
    Auto,

    /// <summary>The portable engine: .NET async sockets, one awaited pump per direction (splice on Linux).</summary>
    Managed,
}
