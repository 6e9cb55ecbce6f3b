using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Plugins;

public sealed class PluginCatalogTests
{
    [Fact]
    public async Task LoadAll_TwoPluginsWithDifferentNewtonsoftMajors_BothLoadAndRunWithTheirOwnVersion()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonOld, PluginDirectory.JsonNew);
        using var catalog = directory.CreateCatalog();

        catalog.LoadAll();

        Assert.All(catalog.Plugins, p => Assert.Equal(PluginStatus.Loaded, p.Status));
        await using var engine = new EngineFixture(catalog);
        var old = engine.Start("json-old");
        var @new = engine.Start("json-new");
        await Task.WhenAll(old.Completion, @new.Completion).WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Succeeded, old.Status);
        Assert.Equal(RunStatus.Succeeded, @new.Status);
        var oldVersion = old.Result!.Data!["newtonsoftVersion"]!.GetValue<string>();
        var newVersion = @new.Result!.Data!["newtonsoftVersion"]!.GetValue<string>();
        Assert.StartsWith("12.0.3", oldVersion, StringComparison.Ordinal);
        Assert.StartsWith("13.0.4", newVersion, StringComparison.Ordinal);
        Assert.Equal("""{"plugin":"json-old","answer":42}""", old.Result.Data["serialized"]!.GetValue<string>());
    }

    [Fact]
    public void LoadAll_GoodPlugin_ListsItsToolsVersionAndContract()
    {
        using var directory = new PluginDirectory(PluginDirectory.Tools);
        using var catalog = directory.CreateCatalog();

        catalog.LoadAll();

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginDirectory.Tools, plugin.Name);
        Assert.Equal(PluginStatus.Loaded, plugin.Status);
        Assert.Null(plugin.Error);
        Assert.Equal("1.1.0", plugin.ContractVersion);
        Assert.False(string.IsNullOrEmpty(plugin.Version));
        Assert.Equal(["echo", "fail", "ticker"], plugin.Tools.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(PluginDirectory.Tools, catalog.Find("TICKER")!.PluginName);
        Assert.Equal(3, catalog.Tools.Count);
    }

    [Fact]
    public void LoadAll_BadPluginsAmongGoodOnes_ListsEachBadOneWithItsReasonAndLoadsTheGoodOnes()
    {
        using var directory = new PluginDirectory(
            PluginDirectory.JsonNew,
            PluginDirectory.Duplicate,
            PluginDirectory.Throwing,
            PluginDirectory.NoTool,
            PluginDirectory.WrongContract,
            PluginDirectory.Tools);
        directory.AddGarbage("TestPlugin.Garbage");
        directory.AddFolderWithoutMainAssembly("TestPlugin.Empty");
        using var catalog = directory.CreateCatalog();

        catalog.LoadAll();

        var byName = catalog.Plugins.ToDictionary(p => p.Name);
        Assert.Equal(8, byName.Count);
        Assert.Equal(PluginStatus.Loaded, byName[PluginDirectory.JsonNew].Status);
        Assert.Equal(PluginStatus.Loaded, byName[PluginDirectory.Tools].Status);

        AssertFailed(byName["TestPlugin.Garbage"], "TestPlugin.Garbage.dll is not a .NET assembly");
        AssertFailed(byName[PluginDirectory.Throwing], "constructor of NetToolbox.TestPlugins.Throwing.ThrowingTool threw InvalidOperationException: ThrowingTool refuses to be constructed");
        AssertFailed(byName[PluginDirectory.NoTool], "TestPlugin.NoTool has no public class implementing ITool");
        AssertFailed(byName[PluginDirectory.Duplicate], "tool id 'json-new' is already provided by plugin TestPlugin.JsonNew");
        AssertFailed(byName["TestPlugin.Empty"], "no TestPlugin.Empty.dll in the plugin folder");
        var wrong = AssertFailed(byName[PluginDirectory.WrongContract], "NetToolbox.Contracts 2.0.0");
        Assert.Contains("this host provides 1.1.0", wrong.Error, StringComparison.Ordinal);
        Assert.Equal("2.0.0", wrong.ContractVersion);

        Assert.Equal(["echo", "fail", "json-new", "ticker"], catalog.Tools.Select(t => t.Descriptor.Id).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(PluginDirectory.JsonNew, catalog.Find("json-new")!.PluginName);
        Assert.Null(catalog.Find("wrong-contract"));
    }

    [Fact]
    public async Task LoadAll_WithBadPlugins_GoodToolsStillRun()
    {
        using var directory = new PluginDirectory(PluginDirectory.Throwing, PluginDirectory.WrongContract, PluginDirectory.Tools);
        directory.AddGarbage("TestPlugin.Garbage");
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();
        await using var engine = new EngineFixture(catalog);

        var run = engine.Start("echo", new() { ["message"] = "hi", ["port"] = "22", ["delay"] = "250ms", ["network"] = "192.0.2.0/24" });
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var types = run.Result!.Data!["types"]!.AsObject();
        Assert.Equal("Int32", types["port"]!.GetValue<string>());
        Assert.Equal("TimeSpan", types["delay"]!.GetValue<string>());
        Assert.Equal("IPNetwork", types["network"]!.GetValue<string>());
        Assert.Equal(250, run.Result.Data["values"]!["delay"]!.GetValue<double>());
    }

    [Fact]
    public void LoadAll_CalledTwice_LoadsEachFolderOnce()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonNew);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();
        var first = catalog.Find("json-new");

        catalog.LoadAll();

        Assert.Single(catalog.Plugins);
        Assert.Same(first, catalog.Find("json-new"));
    }

    [Fact]
    public void LoadAll_NewFolderAddedLater_IsPickedUpOnNextScan()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonNew);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();

        directory.Add(PluginDirectory.JsonOld);
        catalog.LoadAll();

        Assert.Equal([PluginDirectory.JsonNew, PluginDirectory.JsonOld], catalog.Plugins.Select(p => p.Name).ToArray());
        Assert.NotNull(catalog.Find("json-old"));
    }

    [Fact]
    public void LoadAll_MissingDirectory_LeavesCatalogEmpty()
    {
        using var directory = new PluginDirectory();
        Directory.Delete(directory.Root);
        using var catalog = directory.CreateCatalog();

        catalog.LoadAll();

        Assert.Empty(catalog.Plugins);
        Assert.Empty(catalog.Tools);
    }

    [Fact]
    public void Unload_UnknownPlugin_ReturnsFalse()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonNew);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();

        Assert.False(catalog.Unload("TestPlugin.Nope"));
        Assert.Single(catalog.Plugins);
    }

    [Fact]
    public void Unload_FailedPlugin_RemovesItsEntry()
    {
        using var directory = new PluginDirectory(PluginDirectory.NoTool);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();

        Assert.True(catalog.Unload(PluginDirectory.NoTool));
        Assert.Empty(catalog.Plugins);
    }

    private static PluginInfo AssertFailed(PluginInfo plugin, string reason)
    {
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Empty(plugin.Tools);
        Assert.NotNull(plugin.Error);
        Assert.Contains(reason, plugin.Error, StringComparison.Ordinal);
        return plugin;
    }
}
