using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Web.Components.Runs;

/// <summary>
/// What a run view draws, folded from the event stream: console lines, tables (keyed rows updated in place),
/// sample series, the latest progress and the result. Plain state, so it is testable without a browser.
/// </summary>
public sealed class RunLiveModel
{
    /// <summary>Console lines kept for display; the run's own backlog bounds what a late viewer can see.</summary>
    public const int MaxLogLines = 100_000;

    private const int MaxPointsPerSeries = 600;

    public List<LogEvent> Logs { get; } = [];

    public Dictionary<string, TableModel> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SeriesModel> Series { get; } = new(StringComparer.Ordinal);

    public ProgressEvent? Progress { get; private set; }

    public ResultEvent? Result { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>Events the viewer never saw (dropped from a full backlog, or superseded rows).</summary>
    public long Gaps { get; private set; }

    public void Apply(ToolEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Seq > LastSeq + 1)
        {
            Gaps += item.Seq - LastSeq - 1;
        }

        LastSeq = Math.Max(LastSeq, item.Seq);
        switch (item)
        {
            case LogEvent log:
                if (Logs.Count >= MaxLogLines)
                {
                    Logs.RemoveRange(0, Logs.Count - MaxLogLines + 1);
                }

                Logs.Add(log);
                break;
            case RowEvent row:
                var name = row.Table ?? "";
                if (!Tables.TryGetValue(name, out var table))
                {
                    Tables[name] = table = new TableModel();
                }

                table.Apply(row);
                break;
            case SampleEvent sample:
                if (!Series.TryGetValue(sample.Series, out var series))
                {
                    Series[sample.Series] = series = new SeriesModel(sample.Series, sample.Unit);
                }

                series.Add(sample.At, sample.Value, MaxPointsPerSeries);
                break;
            case ProgressEvent progress:
                Progress = progress;
                break;
            case ResultEvent result:
                Result = result;
                break;
        }
    }
}

/// <summary>A table drawn from row events; rows with a key replace the earlier row with that key.</summary>
public sealed class TableModel
{
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Columns { get; private set; } = [];

    public List<TableRow> Rows { get; } = [];

    public void Apply(RowEvent row)
    {
        if (row.Columns.Count > 0)
        {
            Columns = row.Columns;
        }

        if (row.Key is { } key && _indexByKey.TryGetValue(key, out var index))
        {
            Rows[index] = new TableRow(key, row.Values);
            return;
        }

        if (row.Key is { } newKey)
        {
            _indexByKey[newKey] = Rows.Count;
        }

        Rows.Add(new TableRow(row.Key, row.Values));
    }
}

/// <summary>One row's cells, with its key (if any).</summary>
public sealed class TableRow(string? key, IReadOnlyList<JsonNode?> values) : IReadOnlyList<JsonNode?>
{
    public string? Key { get; } = key;

    public int Count => values.Count;

    public JsonNode? this[int index] => values[index];

    public IEnumerator<JsonNode?> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One chart series: recent points plus running figures.</summary>
public sealed class SeriesModel(string name, string? unit)
{
    public string Name { get; } = name;

    public string? Unit { get; } = unit;

    public List<(DateTimeOffset At, double Value)> Points { get; } = [];

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Last { get; private set; }

    public void Add(DateTimeOffset at, double value, int maxPoints)
    {
        Count++;
        Last = value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (Points.Count >= maxPoints)
        {
            Points.RemoveAt(0);
        }

        Points.Add((at, value));
    }
}
