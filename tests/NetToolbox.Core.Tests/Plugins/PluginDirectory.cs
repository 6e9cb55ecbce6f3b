using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Core.Plugins;

namespace NetToolbox.Core.Tests.Plugins;

/// <summary>
/// A temporary plugins directory assembled from the test plugins built with this project
/// (copied to <c>testplugins/</c> in the test output), deleted on dispose.
/// </summary>
internal sealed class PluginDirectory : IDisposable
{
    public const string JsonOld = "TestPlugin.JsonOld";
    public const string JsonNew = "TestPlugin.JsonNew";
    public const string Duplicate = "TestPlugin.JsonNewDuplicate";
    public const string Throwing = "TestPlugin.Throwing";
    public const string NoTool = "TestPlugin.NoTool";
    public const string WrongContract = "TestPlugin.WrongContract";
    public const string Tools = "TestPlugin.Tools";

    private static readonly string BuiltPlugins = Path.Combine(AppContext.BaseDirectory, "testplugins");

    public PluginDirectory(params string[] plugins)
    {
        Root = Path.Combine(Path.GetTempPath(), "nettoolbox-plugins-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        foreach (var plugin in plugins)
        {
            Add(plugin);
        }
    }

    public string Root { get; }

    /// <summary>Copies one built test plugin folder into the directory.</summary>
    public void Add(string plugin)
    {
        var source = Path.Combine(BuiltPlugins, plugin);
        Assert.True(File.Exists(Path.Combine(source, plugin + ".dll")), $"test plugin {plugin} was not built into {source}");
        var target = Directory.CreateDirectory(Path.Combine(Root, plugin)).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    /// <summary>Adds a folder whose main "assembly" is random bytes.</summary>
    public void AddGarbage(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(folder, name + ".dll"), bytes);
    }

    /// <summary>Adds a folder with a file in it but no main assembly named after the folder.</summary>
    public void AddFolderWithoutMainAssembly(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "not a plugin");
    }

    public PluginCatalog CreateCatalog() =>
        new(Options.Create(new PluginCatalogOptions { Directory = Root }), TimeProvider.System, NullLogger<PluginCatalog>.Instance);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
