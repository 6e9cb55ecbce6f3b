using System.Collections.Concurrent;
using System.Reflection;
using MudBlazor;

namespace NetToolbox.Web.Components.Tools;

/// <summary>Maps a tool's Material icon name (<c>network_ping</c>) to MudBlazor's SVG icon.</summary>
internal static class ToolIcons
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static string Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Icons.Material.Filled.Build;
        }

        return Cache.GetOrAdd(name, static key =>
        {
            var pascal = string.Concat(key.Split('_', '-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
            var field = typeof(Icons.Material.Filled).GetField(pascal, BindingFlags.Public | BindingFlags.Static);
            return field?.GetValue(null) as string ?? Icons.Material.Filled.Build;
        });
    }
}
