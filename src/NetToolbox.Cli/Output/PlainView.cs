using NetToolbox.Contracts;

namespace NetToolbox.Cli.Output;

/// <summary>
/// Output to a pipe or file: log lines, samples and progress as lines when they come; tables once, aligned, when the
/// run ends (a keyed row shows its final state, so the forwarder's connection table reads as it stood at the end).
/// </summary>
internal sealed class PlainView(TextWriter output, bool verbose) : IEventView
{
    private readonly TableState _tables = new();
    private string? _lastProgress;
    private ResultEvent? _result;

    public async Task ShowAsync(IAsyncEnumerable<ToolEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            Show(item);
        }
    }

    public void Complete(string? status)
    {
        foreach (var table in _tables.Tables)
        {
            output.WriteLine();
            if (table.Name is not null)
            {
                output.WriteLine($"{table.Name}:");
            }

            PlainTable.Write(output, table.Columns, table.Rows());
        }

        if (!_tables.IsEmpty)
        {
            output.WriteLine();
        }

        output.WriteLine(EventText.Outcome(status, _result));
        output.Flush();
    }

    private void Show(ToolEvent item)
    {
        switch (item)
        {
            case LogEvent { Level: LogEventLevel.Debug } when !verbose:
                break;
            case LogEvent log:
                output.WriteLine(log.Level switch
                {
                    LogEventLevel.Warning => "warning: " + log.Text,
                    LogEventLevel.Error => "error: " + log.Text,
                    _ => log.Text,
                });
                break;
            case SampleEvent sample:
                output.WriteLine(EventText.Sample(sample));
                break;
            case ProgressEvent progress:
                var line = EventText.Progress(progress);
                if (line != _lastProgress)
                {
                    output.WriteLine(line);
                    _lastProgress = line;
                }

                break;
            case RowEvent row:
                _tables.Add(row);
                break;
            case ResultEvent result:
                _result = result;
                break;
            default:
                break;
        }
    }
}
