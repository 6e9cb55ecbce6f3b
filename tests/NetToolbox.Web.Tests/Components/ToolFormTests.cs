using System.Net;
using System.Runtime.CompilerServices;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Web.Components.Tools;

namespace NetToolbox.Web.Tests.Components;

public sealed class ToolFormTests
{
    private static readonly ToolDescriptor Probe = new()
    {
        Id = "probe",
        Name = "Probe",
        Description = "Form test tool",
        Parameters =
        [
            new ParameterSpec { Name = "host", Label = "Host", Kind = ParameterKind.Host, Required = true, Help = "Where to go" },
            new ParameterSpec { Name = "port", Label = "Port", Kind = ParameterKind.Port, Default = "80" },
            new ParameterSpec { Name = "interval", Label = "Interval", Kind = ParameterKind.Duration, Default = "1s", Min = 0.01 },
            new ParameterSpec { Name = "verbose", Label = "Verbose", Kind = ParameterKind.Boolean, Default = "false" },
            new ParameterSpec { Name = "mode", Label = "Mode", Kind = ParameterKind.Choice, Choices = ["icmp", "tcp"], Default = "icmp" },
        ],
    };

    [Fact]
    public async Task Render_SchemaWithEveryKind_ShowsALabelledInputPerParameterWithDefaults()
    {
        await using var context = NewContext(out _);

        var form = context.Render<ToolForm>(p => p.Add(f => f.Descriptor, Probe));

        Assert.All(Probe.Parameters, p => Assert.NotEmpty(form.FindAll($"[data-param={p.Name}]")));
        Assert.Equal("80", form.Find("input[data-param=port]").GetAttribute("value"));
        Assert.Equal("1s", form.Find("input[data-param=interval]").GetAttribute("value"));
        Assert.Contains("Where to go", form.Markup, StringComparison.Ordinal);
        Assert.Single(form.FindComponents<MudSwitch<bool>>());
        Assert.Contains("value=\"icmp\"", form.FindComponent<MudSelect<string>>().Markup, StringComparison.Ordinal);
        Assert.Equal("Run Probe", form.Find("[data-testid=run-button]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Input_InvalidPort_ShowsTheServersMessageInline()
    {
        await using var context = NewContext(out _);
        var form = context.Render<ToolForm>(p => p.Add(f => f.Descriptor, Probe));

        form.Find("input[data-param=port]").Input("70000");

        var expected = "Port " + Core.Validation.ArgumentBinder.ValidateValue(Probe.Parameters[1], "70000");
        form.WaitForAssertion(() => Assert.Contains(expected, form.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_MissingRequiredHost_ShowsFieldErrorAndStartsNothing()
    {
        await using var context = NewContext(out var tool);
        string? started = null;
        var form = context.Render<ToolForm>(p => p
            .Add(f => f.Descriptor, Probe)
            .Add(f => f.OnStarted, id => started = id));

        await form.Find("[data-testid=run-button]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Host is required", form.Markup, StringComparison.Ordinal));
        Assert.Null(started);
        Assert.Equal(0, tool.Runs);
    }

    [Fact]
    public async Task Submit_ValidValues_StartsRunWithTypedArgumentsAndRaisesOnStarted()
    {
        await using var context = NewContext(out var tool);
        string? started = null;
        var form = context.Render<ToolForm>(p => p
            .Add(f => f.Descriptor, Probe)
            .Add(f => f.OnStarted, id => started = id));

        form.Find("input[data-param=host]").Input("[::1]");
        form.Find("input[data-param=interval]").Input("250ms");
        await form.Find("[data-testid=run-button]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(started));
        var run = context.Services.GetRequiredService<RunService>().Find(started!);
        Assert.NotNull(run);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("::1", tool.LastInput?.Get<string>("host"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), tool.LastInput?.Get<TimeSpan>("interval"));
        Assert.Equal(80, tool.LastInput?.Get<int>("port"));
    }

    [Fact]
    public async Task ParentRerender_SameParameters_KeepsWhatTheUserTyped()
    {
        await using var context = NewContext(out _);
        var form = context.Render<ToolForm>(p => p.Add(f => f.Descriptor, Probe));
        form.Find("input[data-param=host]").Input("192.0.2.7");

        form.Render(p => p.Add(f => f.Descriptor, Probe));

        Assert.Equal("192.0.2.7", form.Find("input[data-param=host]").GetAttribute("value"));
    }

    [Fact]
    public async Task NewInitialValues_RunAgain_ReplaceTheTypedValues()
    {
        await using var context = NewContext(out _);
        var form = context.Render<ToolForm>(p => p.Add(f => f.Descriptor, Probe));
        form.Find("input[data-param=host]").Input("192.0.2.7");

        form.Render(p => p
            .Add(f => f.Descriptor, Probe)
            .Add(f => f.InitialValues, new Dictionary<string, string?> { ["host"] = "::1" }));

        Assert.Equal("::1", form.Find("input[data-param=host]").GetAttribute("value"));
    }

    private static BunitContext NewContext(out RecordingTool tool)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var recording = new RecordingTool();
        tool = recording;
        context.Services.AddSingleton<IToolCatalog>(new SingleToolCatalog(recording));
        context.Services.AddSingleton<RunService>(sp => new RunService(
            sp.GetRequiredService<IToolCatalog>(),
            new InMemoryRunStore(Options.Create(new RunEngineOptions())),
            Options.Create(new RunEngineOptions()),
            TimeProvider.System,
            new AllowAllDestinationPolicy(),
            NullLoggerFactory.Instance));
        return context;
    }

    private sealed class RecordingTool : ITool
    {
        private int _runs;

        public ToolDescriptor Descriptor => Probe;

        public int Runs => Volatile.Read(ref _runs);

        public ToolInput? LastInput { get; private set; }

        public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            LastInput = input;
            await Task.Yield();
            yield return new ResultEvent(true, "ok");
        }
    }

    private sealed class SingleToolCatalog(ITool tool) : IToolCatalog
    {
        private readonly ToolRegistration _registration = new(tool, tool.Descriptor, "test");

        public IReadOnlyList<ToolRegistration> Tools => [_registration];

        public ToolRegistration? Find(string toolId) => toolId == tool.Descriptor.Id ? _registration : null;
    }
}
