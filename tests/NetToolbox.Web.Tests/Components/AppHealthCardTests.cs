using System.Runtime.CompilerServices;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Web.Components.Dashboard;

namespace NetToolbox.Web.Tests.Components;

public sealed class AppHealthCardTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Render_RunStartsThenRefresh_ShowsActiveRunsUptimeMemoryAndPlugins()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var context = NewContext(time, new GatedTool(release.Task), out var runs);

        var card = context.Render<AppHealthCard>();
        Assert.Equal("0", card.Find("[data-figure=active-runs]").TextContent);
        Assert.Matches(@"^\d+ (s|min \d+ s|h \d+ min|d \d+ h)$", card.Find("[data-figure=uptime]").TextContent);
        Assert.Matches(@"^\d+ MB / \d+ MB$", card.Find("[data-figure=memory]").TextContent);
        Assert.Equal("0 loaded (0 tools)", card.Find("[data-figure=plugins]").TextContent);

        var run = runs.Start("gated", new Dictionary<string, string?>(), "tester").Run!;
        time.Advance(TimeSpan.FromSeconds(2));
        card.WaitForAssertion(() => Assert.Equal("1", card.Find("[data-figure=active-runs]").TextContent), Bound);

        release.SetResult();
        await run.Completion.WaitAsync(Bound);
        time.Advance(TimeSpan.FromSeconds(2));
        card.WaitForAssertion(() => Assert.Equal("0", card.Find("[data-figure=active-runs]").TextContent), Bound);
    }

    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(3 * 3600 + 60 * 7, "3 h 7 min")]
    [InlineData(2 * 86400 + 3600 * 5, "2 d 5 h")]
    public void FormatUptime_Durations_ReadsAsTheLargestTwoUnits(int seconds, string expected) =>
        Assert.Equal(expected, AppHealthCard.FormatUptime(TimeSpan.FromSeconds(seconds)));

    private static BunitContext NewContext(TimeProvider time, ITool tool, out RunService runs)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(time);
        var options = Options.Create(new RunEngineOptions());
        runs = new RunService(new OneToolCatalog(tool), new InMemoryRunStore(options), options, time, new AllowAllDestinationPolicy(), NullLoggerFactory.Instance);
        context.Services.AddSingleton(runs);
        context.Services.AddSingleton(new PluginCatalog(
            Options.Create(new PluginCatalogOptions { Directory = Path.Combine(Path.GetTempPath(), "nt-no-plugins-" + Guid.NewGuid().ToString("N")) }),
            time,
            NullLogger<PluginCatalog>.Instance));
        return context;
    }

    private sealed class OneToolCatalog(ITool tool) : IToolCatalog
    {
        public IReadOnlyList<ToolRegistration> Tools { get; } = [new ToolRegistration(tool, tool.Descriptor, "test")];

        public ToolRegistration? Find(string toolId) => Tools.FirstOrDefault(t => t.Descriptor.Id == toolId);
    }

    private sealed class GatedTool(Task release) : ITool
    {
        public ToolDescriptor Descriptor { get; } = new() { Id = "gated", Name = "Gated", Description = "waits for the test" };

        public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            yield return new ResultEvent(true, "released");
        }
    }
}
