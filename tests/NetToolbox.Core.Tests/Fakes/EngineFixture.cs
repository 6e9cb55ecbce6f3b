using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Telemetry;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>A run service over given tools with the in-memory store; disposing it stops every run.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public EngineFixture(IToolCatalog catalog, RunEngineOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new RunEngineOptions();
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Store = new InMemoryRunStore(wrapped);
        Metrics = new NetToolboxMetrics(new TestMeterFactory());
        Service = new RunService(catalog, Store, wrapped, time ?? TimeProvider.System, new AllowAllDestinationPolicy(), NullLoggerFactory.Instance, Metrics);
    }

    public EngineFixture(params ITool[] tools)
        : this(new FakeToolCatalog(tools))
    {
    }

    public RunEngineOptions Options { get; }

    public InMemoryRunStore Store { get; }

    /// <summary>This engine's own metrics (its own meter, so parallel tests never see each other's figures).</summary>
    public NetToolboxMetrics Metrics { get; }

    public RunService Service { get; }

    /// <summary>Starts a run that must start; fails the test otherwise.</summary>
    public Run Start(string toolId, Dictionary<string, string?>? arguments = null)
    {
        var result = Service.Start(toolId, arguments ?? [], "tester");
        Assert.Equal(StartRunOutcome.Started, result.Outcome);
        return Assert.IsType<Run>(result.Run);
    }

    public async ValueTask DisposeAsync() => await Service.StopAllAsync(TimeSpan.FromSeconds(5));
}
