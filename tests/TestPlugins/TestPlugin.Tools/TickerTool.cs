using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.Tools;

/// <summary>
/// <c>ticker</c>: ticks <c>count</c> times, <c>interval</c> apart (waiting on the context's clock), and for each
/// tick yields a log line, a <c>tick</c> sample and a progress event (plus a keyed row <c>state</c> when
/// <c>rows</c> is on), then a successful result with <c>{ "ticks": count }</c>. Cancellation stops it at once.
/// </summary>
public sealed class TickerTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "ticker",
        Name = "Ticker",
        Description = "Test tool: emits log, sample and progress events at an interval, then a result.",
        Category = "Test",
        Icon = "timer",
        Parameters =
        [
            new ParameterSpec { Name = "count", Label = "Ticks", Kind = ParameterKind.Integer, Default = "5", Min = 0, Max = 1_000_000, Help = "How many ticks before the result." },
            new ParameterSpec { Name = "interval", Label = "Interval", Kind = ParameterKind.Duration, Default = "PT0.1S", Min = 0, Max = 3600, Help = "Wait between ticks." },
            new ParameterSpec { Name = "rows", Label = "Keyed row", Kind = ParameterKind.Boolean, Default = "false", Help = "Also update one keyed row (key 'state') on every tick." },
        ],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var count = input.Get("count", 5L);
        var interval = input.Get("interval", TimeSpan.FromMilliseconds(100));
        var rows = input.Get("rows", false);
        for (var tick = 1L; tick <= count; tick++)
        {
            if (tick > 1 && interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, context.Time, cancellationToken);
            }
            else
            {
                // Even with a zero interval, give the scheduler (and cancellation) a chance between ticks.
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return new LogEvent(LogEventLevel.Info, string.Create(CultureInfo.InvariantCulture, $"tick {tick}"));
            yield return new SampleEvent("tick", tick);
            if (rows)
            {
                yield return new RowEvent(["name", "ticks"], ["state", tick], Key: "state");
            }

            yield return new ProgressEvent((double)tick / count, string.Create(CultureInfo.InvariantCulture, $"{tick} of {count}"));
        }

        yield return new ResultEvent(true, string.Create(CultureInfo.InvariantCulture, $"ticked {count} times"), new JsonObject { ["ticks"] = count });
    }
}
