using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Plugins;

/// <summary>Loads TestPlugin.Tools once for the class.</summary>
public sealed class ToolsPluginFixture : IDisposable
{
    private readonly PluginDirectory _directory = new(PluginDirectory.Tools);

    public ToolsPluginFixture()
    {
        Catalog = _directory.CreateCatalog();
        Catalog.LoadAll();
    }

    public PluginCatalog Catalog { get; }

    public void Dispose()
    {
        Catalog.Dispose();
        _directory.Dispose();
    }
}

/// <summary>The tools of TestPlugin.Tools behave as its README says, through the real catalog and engine.</summary>
public sealed class TestPluginToolsTests(ToolsPluginFixture fixture) : IClassFixture<ToolsPluginFixture>
{
    [Fact]
    public async Task Ticker_ThreeTicksWithRows_EmitsLogSampleRowProgressPerTickThenResult()
    {
        await using var engine = new EngineFixture(fixture.Catalog);

        var run = engine.Start("ticker", new() { ["count"] = "3", ["interval"] = "10ms", ["rows"] = "true" });
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(3, run.Result!.Data!["ticks"]!.GetValue<long>());
        var events = run.GetEvents();
        Assert.Equal(["tick 1", "tick 2", "tick 3"], events.OfType<LogEvent>().Select(e => e.Text));
        Assert.Equal([1.0, 2.0, 3.0], events.OfType<SampleEvent>().Select(e => e.Value));
        Assert.Equal(1.0, events.OfType<ProgressEvent>().Last().Fraction);
        var row = Assert.Single(events.OfType<RowEvent>());
        Assert.Equal(3, row.Values[1]!.GetValue<long>());
        Assert.Equal(13, run.LastSeq);
    }

    [Fact]
    public async Task Ticker_LongRunCancelled_EndsCancelledWithinBound()
    {
        await using var engine = new EngineFixture(fixture.Catalog);
        var run = engine.Start("ticker", new() { ["count"] = "1000000", ["interval"] = "PT1S" });
        await NetToolbox.Testing.Eventually.TrueAsync(() => run.LastSeq >= 1, EngineFixture.Bound, "first tick");

        Assert.True(engine.Service.Cancel(run.RunId));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Theory]
    [InlineData("throw")]
    [InlineData("result")]
    public async Task Fail_EitherMode_FailsWithTheMessage(string mode)
    {
        await using var engine = new EngineFixture(fixture.Catalog);

        var run = engine.Start("fail", new() { ["mode"] = mode, ["message"] = "no route to nowhere" });
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("no route to nowhere", run.Result!.Summary);
    }

    [Fact]
    public async Task Echo_EveryKind_ReturnsTypedValues()
    {
        await using var engine = new EngineFixture(fixture.Catalog);

        var run = engine.Start("echo", new()
        {
            ["message"] = "hello",
            ["host"] = "[::1]",
            ["port"] = "8080",
            ["count"] = "7",
            ["delay"] = "PT0.25S",
            ["flag"] = "yes",
            ["mode"] = "SLOW",
            ["network"] = "2001:db8::/32",
            ["target"] = "[fe80::1%eth0]:22",
        });
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var data = run.Result!.Data!;
        Assert.Equal(
            """{"count":7,"delay":250,"flag":true,"host":"::1","message":"hello","mode":"slow","network":"2001:db8::/32","port":8080,"target":"[fe80::1%eth0]:22"}""",
            data["values"]!.ToJsonString());
        Assert.Equal(
            """{"count":"Int64","delay":"TimeSpan","flag":"Boolean","host":"String","message":"String","mode":"String","network":"IPNetwork","port":"Int32","target":"NetworkEndpoint"}""",
            data["types"]!.ToJsonString());
    }

    [Fact]
    public async Task Echo_MissingMessage_IsRefusedBeforeRunning()
    {
        await using var engine = new EngineFixture(fixture.Catalog);

        var result = engine.Service.Start("echo", new Dictionary<string, string?> { ["port"] = "x" }, null);

        Assert.Equal(StartRunOutcome.InvalidArguments, result.Outcome);
        Assert.Equal(["message", "port"], result.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
