using System.Reflection;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Plugins;

/// <summary>
/// One plugin folder loaded into its own collectible load context. Only the contract assembly and the
/// logging abstractions are shared with the host; everything else the plugin brings is private to it.
/// Wraps McMaster.NETCore.Plugins so the rest of the host does not depend on that library.
/// </summary>
internal sealed class IsolatedPlugin : IDisposable
{
    private static readonly Type[] SharedTypes = [typeof(ITool), typeof(ILogger)];
    private const string ContractAssemblyName = "NetToolbox.Contracts";

    private PluginLoader? _loader;

    private IsolatedPlugin(PluginLoader loader, Assembly assembly)
    {
        _loader = loader;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public AssemblyLoadContext LoadContext => _loader?.LoadContext ?? throw new ObjectDisposedException(nameof(IsolatedPlugin));

    /// <summary>Loads the main assembly and checks it was built against this host's contract major version.</summary>
    public static IsolatedPlugin Load(string mainAssemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(mainAssemblyPath, isUnloadable: true, sharedTypes: SharedTypes);
        try
        {
            Assembly assembly;
            try
            {
                assembly = loader.LoadDefaultAssembly();
            }
            catch (BadImageFormatException ex)
            {
                throw new PluginLoadException($"{Path.GetFileName(mainAssemblyPath)} is not a .NET assembly ({ex.Message})", ex);
            }

            var plugin = new IsolatedPlugin(loader, assembly);
            plugin.CheckContractVersion();
            return plugin;
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    /// <summary>The contract version the plugin references, or null when it references none.</summary>
    public Version? ReferencedContractVersion =>
        Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == ContractAssemblyName)?.Version;

    /// <summary>The plugin's informational version (package version), falling back to the assembly version.</summary>
    public string? InformationalVersion =>
        Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? Assembly.GetName().Version?.ToString();

    /// <summary>Creates one instance of every public tool type; throws <see cref="PluginLoadException"/> naming the broken one.</summary>
    public IReadOnlyList<ITool> CreateTools()
    {
        Type[] types;
        try
        {
            types = Assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new PluginLoadException($"its types cannot be loaded: {ex.Message}", ex);
        }

        var toolTypes = types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITool).IsAssignableFrom(t)).ToList();
        if (toolTypes.Count == 0)
        {
            throw new PluginLoadException($"{Assembly.GetName().Name} has no public class implementing {nameof(ITool)}");
        }

        return toolTypes.Select(Instantiate).ToList();
    }

    private static ITool Instantiate(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"{type.FullName} has no public parameterless constructor");
        }

        try
        {
            return (ITool)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new PluginLoadException($"constructor of {type.FullName} threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
        }
        catch (Exception ex) when (ex is MissingMethodException or TypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new PluginLoadException($"{type.FullName} cannot be created: {ex.Message}", ex);
        }
    }

    private void CheckContractVersion()
    {
        var referenced = ReferencedContractVersion
            ?? throw new PluginLoadException($"{Assembly.GetName().Name} does not reference {ContractAssemblyName}");
        if (referenced.Major != ContractVersion.Major)
        {
            throw new PluginLoadException(
                $"built against {ContractAssemblyName} {referenced.ToString(3)}, but this host provides {ContractVersion.Current.ToString(3)}; " +
                $"rebuild the plugin against contract major version {ContractVersion.Major}");
        }
    }

    /// <summary>Starts unloading the load context; it is collected once nothing references its types.</summary>
    public void Dispose()
    {
        _loader?.Dispose();
        _loader = null;
    }
}
