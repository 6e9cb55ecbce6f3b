using System.Text.RegularExpressions;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Plugins;

/// <summary>Checks that a tool's descriptor is usable before the tool is offered to anyone.</summary>
internal static partial class DescriptorValidator
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex ToolIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,62}$")]
    private static partial Regex ParameterNamePattern();

    /// <summary>Throws <see cref="PluginLoadException"/> naming the first problem.</summary>
    public static void Validate(ToolDescriptor descriptor, string typeName)
    {
        if (descriptor is null)
        {
            throw new PluginLoadException($"{typeName}.Descriptor returned null");
        }

        if (string.IsNullOrEmpty(descriptor.Id) || !ToolIdPattern().IsMatch(descriptor.Id))
        {
            throw new PluginLoadException($"{typeName} has tool id '{descriptor.Id}'; ids are lower-case letters, digits and dashes");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in descriptor.Parameters ?? [])
        {
            if (parameter is null || !ParameterNamePattern().IsMatch(parameter.Name ?? string.Empty))
            {
                throw new PluginLoadException($"tool '{descriptor.Id}' has a parameter with an invalid name '{parameter?.Name}'");
            }

            if (!seen.Add(parameter.Name!))
            {
                throw new PluginLoadException($"tool '{descriptor.Id}' declares parameter '{parameter.Name}' twice");
            }

            if (parameter.Kind == ParameterKind.Choice && (parameter.Choices is null || parameter.Choices.Count == 0))
            {
                throw new PluginLoadException($"tool '{descriptor.Id}' parameter '{parameter.Name}' is a choice without choices");
            }

            if (!Enum.IsDefined(parameter.Kind))
            {
                throw new PluginLoadException($"tool '{descriptor.Id}' parameter '{parameter.Name}' has unknown kind {(int)parameter.Kind}");
            }
        }
    }
}
