using System.ComponentModel.DataAnnotations;

namespace NetToolbox.Core.Plugins;

/// <summary>Where plugins are found. Bound from the <c>Plugins</c> configuration section.</summary>
public sealed class PluginCatalogOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Plugins";

    /// <summary>
    /// The plugins directory: one sub-folder per plugin holding <c>&lt;FolderName&gt;.dll</c> and its dependencies.
    /// Relative paths are resolved against the application's base directory. Default: <c>plugins</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "plugins";

    /// <summary>The absolute plugins directory.</summary>
    public string ResolveDirectory() => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
