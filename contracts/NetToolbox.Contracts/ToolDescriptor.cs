namespace NetToolbox.Contracts;

/// <summary>Describes a tool: identity, presentation and its typed parameter schema.</summary>
public sealed record ToolDescriptor
{
    /// <summary>Stable identifier used in URLs and the API, e.g. <c>pinger</c>. Lower case, digits and dashes.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, e.g. "Pinger".</summary>
    public required string Name { get; init; }

    /// <summary>One-line description shown on cards and in help.</summary>
    public required string Description { get; init; }

    /// <summary>Grouping shown in navigation, e.g. "Diagnostics".</summary>
    public string Category { get; init; } = "General";

    /// <summary>Icon name from the Material icon set (e.g. <c>lan</c>, <c>network_ping</c>).</summary>
    public string Icon { get; init; } = "build";

    /// <summary>The tool's own version.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>True when the tool needs elevated rights (raw sockets) or is an operator-only power.</summary>
    public bool Privileged { get; init; }

    /// <summary>The parameters the tool accepts, in display order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = [];
}
