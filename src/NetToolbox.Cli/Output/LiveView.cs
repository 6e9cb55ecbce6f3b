using NetToolbox.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetToolbox.Cli.Output;

/// <summary>
/// Output to a terminal: log lines and samples scroll above a live region that redraws the tables (keyed rows update
/// in place) and a progress bar. When the run ends the live region gives way to the full tables, then the outcome.
/// Redraws are coalesced to at most one per <see cref="RefreshInterval"/>, so a chatty tool does not flood the terminal.
/// </summary>
internal sealed class LiveView(bool verbose) : IEventView
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 30;

    private readonly TableState _tables = new();
    private ProgressEvent? _progress;
    private ResultEvent? _result;

    public async Task ShowAsync(IAsyncEnumerable<ToolEvent> events, CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(new Text(string.Empty))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async context =>
            {
                await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
                var dirty = false;
                var next = enumerator.MoveNextAsync().AsTask();
                while (true)
                {
                    if (dirty)
                    {
                        // Wait for the next event, but redraw if none comes within the refresh interval.
                        var winner = await Task.WhenAny(next, Task.Delay(RefreshInterval, cancellationToken));
                        if (winner != next)
                        {
                            context.UpdateTarget(LiveRegion());
                            context.Refresh();
                            dirty = false;
                            continue;
                        }
                    }

                    if (!await next)
                    {
                        break;
                    }

                    dirty |= Show(enumerator.Current);
                    next = enumerator.MoveNextAsync().AsTask();
                }

                context.UpdateTarget(new Text(string.Empty));
                context.Refresh();
            });
    }

    public void Complete(string? status)
    {
        foreach (var table in _tables.Tables)
        {
            AnsiConsole.Write(Render(table, table.RowCount));
        }

        var outcome = Markup.Escape(EventText.Outcome(status, _result));
        AnsiConsole.MarkupLine(status switch
        {
            "succeeded" => $"[green]{outcome}[/]",
            "cancelled" => $"[yellow]{outcome}[/]",
            _ => $"[red]{outcome}[/]",
        });
    }

    /// <summary>Handles one event; true when the live region changed.</summary>
    private bool Show(ToolEvent item)
    {
        switch (item)
        {
            case LogEvent { Level: LogEventLevel.Debug } when !verbose:
                return false;
            case LogEvent log:
                var text = Markup.Escape(log.Text);
                AnsiConsole.MarkupLine(log.Level switch
                {
                    LogEventLevel.Debug => $"[grey]{text}[/]",
                    LogEventLevel.Warning => $"[yellow]{text}[/]",
                    LogEventLevel.Error => $"[red]{text}[/]",
                    _ => text,
                });
                return false;
            case SampleEvent sample:
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(EventText.Sample(sample))}[/]");
                return false;
            case ProgressEvent progress:
                _progress = progress;
                return true;
            case RowEvent row:
                _tables.Add(row);
                return true;
            case ResultEvent result:
                _result = result;
                _progress = null;
                return true;
            default:
                return false;
        }
    }

    private Rows LiveRegion()
    {
        // Leave room for the progress bar and table chrome; the newest rows stay visible.
        var budget = Math.Max(3, Console.WindowHeight - 8) / Math.Max(1, _tables.Tables.Count);
        // A blank first line: Spectre writes each scrolling log line over the region's first line without erasing it,
        // so a short log line over a table title would leave the title's tail behind.
        var parts = new List<IRenderable> { new Text(string.Empty) };
        parts.AddRange(_tables.Tables.Select(t => Render(t, budget)));
        if (_progress is { } progress)
        {
            parts.Add(new Markup(Bar(progress)));
        }

        return new Rows(parts);
    }

    private static Table Render(TableState.Table table, int maxRows)
    {
        var grid = new Table().Border(TableBorder.Simple);
        if (table.Name is not null)
        {
            grid.Title(table.Name);
        }

        foreach (var column in table.Columns)
        {
            grid.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        var skip = Math.Max(0, table.RowCount - maxRows);
        if (skip > 0)
        {
            grid.Caption($"{skip} earlier rows not shown");
        }

        foreach (var row in table.Rows(skip))
        {
            grid.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        return grid;
    }

    private static string Bar(ProgressEvent progress)
    {
        var message = Markup.Escape(progress.Message ?? string.Empty);
        if (progress.Fraction is not { } fraction)
        {
            return $"[blue]…[/] {message}";
        }

        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        var percent = Markup.Escape(EventText.Progress(progress with { Message = null }));
        return $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {percent} {message}";
    }
}
