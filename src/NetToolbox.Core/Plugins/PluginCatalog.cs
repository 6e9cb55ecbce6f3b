using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Telemetry;

namespace NetToolbox.Core.Plugins;

/// <summary>
/// Discovers plugin folders, loads each in isolation, and offers their tools. A broken plugin is listed as
/// failed with its reason and never affects the others. Holds the only host-side references to plugin types.
/// </summary>
public sealed partial class PluginCatalog : IToolCatalog, IDisposable
{
    private readonly PluginCatalogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PluginCatalog> _logger;
    private readonly NetToolboxMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IsolatedPlugin> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private Snapshot _snapshot = Snapshot.Empty;

    public PluginCatalog(IOptions<PluginCatalogOptions> options, TimeProvider time, ILogger<PluginCatalog> logger, NetToolboxMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics ?? NetToolboxMetrics.Default;
    }

    /// <summary>Every plugin folder seen, loaded or failed, by name.</summary>
    public IReadOnlyList<PluginInfo> Plugins => _snapshot.Plugins;

    /// <inheritdoc />
    public IReadOnlyList<ToolRegistration> Tools => _snapshot.Tools;

    /// <summary>The absolute directory this catalog scans.</summary>
    public string Directory => _options.ResolveDirectory();

    /// <inheritdoc />
    public ToolRegistration? Find(string toolId) =>
        _snapshot.ToolsById.GetValueOrDefault(toolId);

    /// <summary>Scans the plugins directory and loads every folder not loaded yet. Safe to call again.</summary>
    public void LoadAll()
    {
        var root = Directory;
        if (!System.IO.Directory.Exists(root))
        {
            LogDirectoryMissing(root);
            return;
        }

        var folders = System.IO.Directory.GetDirectories(root).Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            LoadFolder(folder);
        }
    }

    /// <summary>Unloads a plugin: its tools disappear and its load context can be collected. False when unknown.</summary>
    public bool Unload(string pluginName)
    {
        lock (_gate)
        {
            var known = _snapshot.Plugins.Any(p => string.Equals(p.Name, pluginName, StringComparison.OrdinalIgnoreCase));
            if (_loaded.Remove(pluginName, out var plugin))
            {
                plugin.Dispose();
            }

            _snapshot = _snapshot.Without(pluginName);
            if (known)
            {
                LogUnloaded(pluginName);
            }

            return known;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var plugin in _loaded.Values)
            {
                plugin.Dispose();
            }

            _loaded.Clear();
            _snapshot = Snapshot.Empty;
        }
    }

    private void LoadFolder(string folder)
    {
        var name = Path.GetFileName(folder);
        lock (_gate)
        {
            if (_snapshot.Plugins.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            var info = TryLoad(folder, name, out var plugin, out var registrations);
            if (plugin is not null)
            {
                _loaded[name] = plugin;
                LogLoaded(name, info.Version, info.Tools);
            }
            else
            {
                LogFailed(name, info.Error);
                _metrics.PluginLoadFailed(name);
            }

            _snapshot = _snapshot.With(info, registrations);
        }
    }

    // Not inlined so no local of a plugin type outlives the call when the plugin is refused.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PluginInfo TryLoad(string folder, string name, out IsolatedPlugin? loaded, out IReadOnlyList<ToolRegistration> registrations)
    {
        loaded = null;
        registrations = [];
        var info = new PluginInfo { Name = name, Folder = folder, Status = PluginStatus.Failed, LoadedAt = _time.GetUtcNow() };
        var mainAssembly = Path.Combine(folder, name + ".dll");
        if (!File.Exists(mainAssembly))
        {
            return info with { Error = $"no {name}.dll in the plugin folder (the main assembly must be named after its folder)" };
        }

        // Read before loading, so a plugin refused for its contract major still shows which version it wanted.
        info = info with { ContractVersion = ContractReference.Read(mainAssembly)?.ToString(3) };
        IsolatedPlugin? plugin = null;
        try
        {
            plugin = IsolatedPlugin.Load(mainAssembly);
            info = info with { Version = plugin.InformationalVersion };
            var found = plugin.CreateTools().Select(tool => Register(tool, name)).ToList();
            CheckDuplicates(found);
            registrations = found;
            loaded = plugin;
            return info with { Status = PluginStatus.Loaded, Tools = found.Select(r => r.Descriptor.Id).ToList() };
        }
        catch (PluginLoadException ex)
        {
            plugin?.Dispose();
            return info with { Error = ex.Message };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A hostile or broken plugin may throw anything while loading; it fails alone.
            plugin?.Dispose();
            return info with { Error = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    private static ToolRegistration Register(ITool tool, string pluginName)
    {
        ToolDescriptor descriptor;
        try
        {
            descriptor = tool.Descriptor;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new PluginLoadException($"{tool.GetType().FullName}.Descriptor threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        DescriptorValidator.Validate(descriptor, tool.GetType().FullName ?? tool.GetType().Name);
        return new ToolRegistration(tool, descriptor, pluginName);
    }

    private void CheckDuplicates(IReadOnlyList<ToolRegistration> found)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in found)
        {
            var id = registration.Descriptor.Id;
            if (!ids.Add(id))
            {
                throw new PluginLoadException($"it declares tool id '{id}' twice");
            }

            if (_snapshot.ToolsById.TryGetValue(id, out var existing))
            {
                throw new PluginLoadException($"tool id '{id}' is already provided by plugin {existing.PluginName}");
            }
        }
    }

    /// <summary>An immutable view swapped as a whole, so readers never lock.</summary>
    private sealed record Snapshot(
        IReadOnlyList<PluginInfo> Plugins,
        IReadOnlyList<ToolRegistration> Tools,
        IReadOnlyDictionary<string, ToolRegistration> ToolsById)
    {
        public static Snapshot Empty { get; } = Create([], []);

        public Snapshot With(PluginInfo plugin, IReadOnlyList<ToolRegistration> tools) =>
            Create([.. Plugins, plugin], [.. Tools, .. tools]);

        public Snapshot Without(string pluginName) => Create(
            Plugins.Where(p => !string.Equals(p.Name, pluginName, StringComparison.OrdinalIgnoreCase)).ToList(),
            Tools.Where(t => !string.Equals(t.PluginName, pluginName, StringComparison.OrdinalIgnoreCase)).ToList());

        private static Snapshot Create(IReadOnlyList<PluginInfo> plugins, IReadOnlyList<ToolRegistration> tools) => new(
            plugins.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            tools.OrderBy(t => t.Descriptor.Category, StringComparer.Ordinal).ThenBy(t => t.Descriptor.Name, StringComparer.Ordinal).ToList(),
            tools.ToDictionary(t => t.Descriptor.Id, StringComparer.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugins directory {Directory} does not exist; no tools are loaded")]
    private partial void LogDirectoryMissing(string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded plugin {Plugin} {Version} with tools {Tools}")]
    private partial void LogLoaded(string plugin, string? version, IReadOnlyList<string> tools);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} failed to load: {Reason}")]
    private partial void LogFailed(string plugin, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded plugin {Plugin}")]
    private partial void LogUnloaded(string plugin);
}
