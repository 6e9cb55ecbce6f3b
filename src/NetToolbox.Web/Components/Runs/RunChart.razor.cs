using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace NetToolbox.Web.Components.Runs;

/// <summary>
/// Charts a run's sample series. Series that share a unit share a chart; their points are merged onto one time axis, and a
/// series without a point at a given time has a gap there (so a timeout series shows as separate markers next to the RTT line).
/// </summary>
public sealed partial class RunChart
{
    /// <summary>Points drawn per chart (the newest); SVG with more points costs the browser more than it shows.</summary>
    public const int MaxPointsPerChart = 300;

    private static readonly LineChartOptions Options = new()
    {
        ShowDataMarkers = true,
        ConnectNullPoints = false,
        XAxisLabelRotation = 0,
        MaxNumYAxisTicks = 6,
    };

    /// <summary>The series to draw, by name.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, SeriesModel> Series { get; set; } = new Dictionary<string, SeriesModel>();

    internal IReadOnlyList<ChartGroup> Groups { get; private set; } = [];

    protected override void OnParametersSet() => Groups = Build(Series.Values);

    /// <summary>Groups series by unit and aligns their points on one time axis (newest <see cref="MaxPointsPerChart"/>).</summary>
    internal static IReadOnlyList<ChartGroup> Build(IEnumerable<SeriesModel> series) =>
        series.GroupBy(s => s.Unit ?? "", StringComparer.Ordinal)
            .Select(group => BuildGroup(group.Key, group.ToList()))
            .ToList();

    private static ChartGroup BuildGroup(string unit, List<SeriesModel> members)
    {
        var times = members.SelectMany(s => s.Points.Select(p => p.At)).Distinct().Order().TakeLast(MaxPointsPerChart).ToList();
        var index = new Dictionary<DateTimeOffset, int>(times.Count);
        for (var i = 0; i < times.Count; i++)
        {
            index[times[i]] = i;
        }

        var chartSeries = new List<ChartSeries<double>>(members.Count);
        foreach (var member in members)
        {
            var values = new double?[times.Count];
            foreach (var (at, value) in member.Points)
            {
                if (index.TryGetValue(at, out var i))
                {
                    values[i] = value;
                }
            }

            chartSeries.Add(new ChartSeries<double> { Name = member.Name, Data = new ChartData<double>(values) });
        }

        var labels = times.Select((t, i) => i % Math.Max(1, times.Count / 6) == 0 ? t.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "").ToArray();
        var title = unit.Length == 0 ? string.Join(", ", members.Select(m => m.Name)) : $"{string.Join(", ", members.Select(m => m.Name))} ({unit})";
        return new ChartGroup(unit, title, chartSeries, labels, members);
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    internal sealed record ChartGroup(string Unit, string Title, List<ChartSeries<double>> Series, string[] Labels, IReadOnlyList<SeriesModel> Figures);
}
