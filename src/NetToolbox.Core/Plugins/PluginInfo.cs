using System.Text.Json.Serialization;

namespace NetToolbox.Core.Plugins;

/// <summary>Load state of a plugin folder.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginStatus>))]
public enum PluginStatus
{
    /// <summary>Loaded; its tools are available.</summary>
    [JsonStringEnumMemberName("loaded")] Loaded,

    /// <summary>Refused or broken; see <see cref="PluginInfo.Error"/>.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>What the catalog knows about one plugin folder (shown by <c>GET /api/plugins</c> and the Plugins page).</summary>
public sealed record PluginInfo
{
    /// <summary>Plugin name: the folder name, which is also its main assembly's name.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the plugin folder.</summary>
    public required string Folder { get; init; }

    /// <summary>Loaded or failed.</summary>
    public required PluginStatus Status { get; init; }

    /// <summary>Why the plugin failed, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The plugin assembly's informational version, when it could be read.</summary>
    public string? Version { get; init; }

    /// <summary>The NetToolbox.Contracts version the plugin was built against, when it could be read.</summary>
    public string? ContractVersion { get; init; }

    /// <summary>Ids of the tools it provides.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>When the catalog loaded (or tried to load) it.</summary>
    public DateTimeOffset LoadedAt { get; init; }
}
