using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Telemetry;
using NetToolbox.Core.Tests.Fakes;
using NetToolbox.Core.Tests.Plugins;
using NetToolbox.Testing;

namespace NetToolbox.Core.Tests.Telemetry;

public sealed class PluginMetricsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void LoadAll_BrokenPlugins_CountsOneLoadFailurePerPlugin()
    {
        using var directory = new PluginDirectory(PluginDirectory.Throwing, PluginDirectory.WrongContract, PluginDirectory.Tools);
        using var meters = new TestMeterFactory();
        var metrics = new NetToolboxMetrics(meters);
        using var recorder = new MeterRecorder(metrics.Meter);
        using var catalog = new PluginCatalog(
            Options.Create(new PluginCatalogOptions { Directory = directory.Root }), TimeProvider.System, NullLogger<PluginCatalog>.Instance, metrics);

        catalog.LoadAll();
        catalog.LoadAll();

        Assert.Equal(1, recorder.Sum("nettoolbox.plugins.load_failures", "plugin", PluginDirectory.Throwing));
        Assert.Equal(1, recorder.Sum("nettoolbox.plugins.load_failures", "plugin", PluginDirectory.WrongContract));
        Assert.Equal(0, recorder.Sum("nettoolbox.plugins.load_failures", "plugin", PluginDirectory.Tools));
    }

    [Fact]
    public async Task Unload_PluginReportedMetricsWhileListened_LoadContextIsStillCollected()
    {
        using var directory = new PluginDirectory(PluginDirectory.JsonNew);
        using var catalog = directory.CreateCatalog();
        catalog.LoadAll();
        await using var engine = new EngineFixture(catalog);
        using var recorder = new MeterRecorder(engine.Metrics.Meter);

        var context = await RunThenUnloadAsync(catalog, engine);

        Assert.Equal(1, recorder.Sum("nettoolbox.tool.json-new.serialized", "library", "newtonsoft"));
        Assert.Equal(0, recorder.Sum("nettoolbox.tool.json-new.busy"));
        Assert.Single(recorder.Of("nettoolbox.tool.json-new.size"));
        Assert.True(WaitUntilCollected(context), "the plugin's load context was not collected after its tool reported metrics");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunThenUnloadAsync(PluginCatalog catalog, EngineFixture engine)
    {
        var weak = new WeakReference(AssemblyLoadContext.GetLoadContext(catalog.Find("json-new")!.Tool.GetType().Assembly));
        var run = engine.Start("json-new");
        await run.Completion.WaitAsync(Bound);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True(catalog.Unload(PluginDirectory.JsonNew));
        return weak;
    }

    private static bool WaitUntilCollected(WeakReference reference)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 50 && reference.IsAlive && clock.Elapsed < Bound; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !reference.IsAlive;
    }
}
