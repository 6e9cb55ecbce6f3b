using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Plugins;

public sealed class PluginUnloadTests
{
    private const int MaxCollections = 50;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Unload_AfterToolRan_LoadContextIsCollected()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonNew, PluginDirectory.Tools);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();
        await using var engine = new EngineFixture(catalog);

        var context = await RunThenUnloadAsync(catalog, engine, PluginDirectory.JsonNew, "json-new");

        Assert.True(WaitUntilCollected(context), "the plugin's load context was not collected after Unload");
        Assert.Null(catalog.Find("json-new"));
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == PluginDirectory.JsonNew);
        Assert.NotNull(catalog.Find("ticker"));
    }

    [Fact]
    public async Task Unload_OneOfTwoPlugins_OtherKeepsRunning()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonOld, PluginDirectory.Tools);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();
        await using var engine = new EngineFixture(catalog);

        var context = await RunThenUnloadAsync(catalog, engine, PluginDirectory.JsonOld, "json-old");
        Assert.True(WaitUntilCollected(context));

        var run = engine.Start("ticker", new() { ["count"] = "3", ["interval"] = "10ms" });
        await run.Completion.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(StartRunOutcome.UnknownTool, engine.Service.Start("json-old", new Dictionary<string, string?>(), null).Outcome);
    }

    // Everything that touches plugin types lives in this frame, so no stack slot of the test keeps them alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunThenUnloadAsync(PluginCatalog catalog, EngineFixture engine, string pluginName, string toolId)
    {
        var weak = LoadContextOf(catalog, toolId);
        var run = engine.Start(toolId);
        await run.Completion.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Succeeded, run.Status);

        Assert.True(catalog.Unload(pluginName));
        return weak;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadContextOf(PluginCatalog catalog, string toolId)
    {
        var context = AssemblyLoadContext.GetLoadContext(catalog.Find(toolId)!.Tool.GetType().Assembly)!;
        Assert.True(context.IsCollectible);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        return new WeakReference(context);
    }

    private static bool WaitUntilCollected(WeakReference reference)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < MaxCollections && reference.IsAlive && clock.Elapsed < MaxWait; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !reference.IsAlive;
    }
}
