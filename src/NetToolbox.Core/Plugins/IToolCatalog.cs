using NetToolbox.Contracts;

namespace NetToolbox.Core.Plugins;

/// <summary>The tools the run engine can start. The plugin catalog is the real one; tests may supply their own.</summary>
public interface IToolCatalog
{
    /// <summary>Every available tool, ordered by category then name.</summary>
    IReadOnlyList<ToolRegistration> Tools { get; }

    /// <summary>Finds a tool by id (case-insensitive).</summary>
    ToolRegistration? Find(string toolId);
}

/// <summary>A tool and the plugin it came from.</summary>
/// <param name="Tool">The tool instance, owned by its plugin's load context.</param>
/// <param name="Descriptor">The descriptor read once at load time.</param>
/// <param name="PluginName">The plugin providing it.</param>
public sealed record ToolRegistration(ITool Tool, ToolDescriptor Descriptor, string PluginName);
