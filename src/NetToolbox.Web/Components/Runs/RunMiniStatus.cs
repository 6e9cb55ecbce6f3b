using System.Globalization;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Web.Components.Runs;

/// <summary>
/// A one-line status of a running run from its newest events: the last value of each sample series (a pinger's RTT, a
/// forwarder's connections and throughput), loss from a statistics row, and the latest progress message.
/// </summary>
internal static class RunMiniStatus
{
    /// <summary>How many of the newest events are looked at; enough to find each series' latest sample.</summary>
    public const int Window = 200;

    public static string Describe(IReadOnlyList<ToolEvent> newestEvents)
    {
        ArgumentNullException.ThrowIfNull(newestEvents);
        var samples = new Dictionary<string, SampleEvent>(StringComparer.Ordinal);
        string? loss = null;
        string? progress = null;
        foreach (var item in newestEvents)
        {
            switch (item)
            {
                case SampleEvent sample:
                    samples[sample.Series] = sample;
                    break;
                case RowEvent row when IndexOf(row.Columns, "lossPercent") is var i and >= 0 && i < row.Values.Count && row.Values[i] is JsonValue value:
                    loss = $"loss {value.ToJsonString()} %";
                    break;
                case ProgressEvent { Message: { } message }:
                    progress = message;
                    break;
            }
        }

        var parts = samples.Values.Select(Format).ToList();
        if (loss is not null)
        {
            parts.Add(loss);
        }

        if (progress is not null)
        {
            parts.Add(progress);
        }

        return parts.Count == 0 ? "starting…" : string.Join(" · ", parts);
    }

    /// <summary>A sample with a readable magnitude: 1234567 bit/s → "1.23 Mbit/s".</summary>
    public static string Format(SampleEvent sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var (value, unit) = Scale(sample.Value, sample.Unit);
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return unit is null ? $"{sample.Series} {text}" : $"{sample.Series} {text} {unit}";
    }

    private static (double Value, string? Unit) Scale(double value, string? unit)
    {
        if (unit is null || !unit.Contains("/s", StringComparison.Ordinal) || Math.Abs(value) < 1000)
        {
            return (value, unit);
        }

        string[] prefixes = ["k", "M", "G", "T"];
        var index = -1;
        while (Math.Abs(value) >= 1000 && index < prefixes.Length - 1)
        {
            value /= 1000;
            index++;
        }

        return (value, prefixes[index] + unit);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
