using System.Diagnostics;
using System.Diagnostics.Metrics;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Telemetry;

/// <summary>
/// One run's view of the tool metrics. It remembers what the run added to each level (<see cref="Adjust"/>) and takes
/// it back in <see cref="Close"/>, so a cancelled or crashed run leaves no phantom open connections behind.
/// </summary>
internal sealed class RunToolMetrics(NetToolboxMetrics metrics, string toolId) : IToolMetrics
{
    private const int MaxTags = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (UpDownCounter<long> Counter, TagList Tags, long Net)> _levels = new(StringComparer.Ordinal);
    private bool _closed;

    public void Count(string name, long value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var counter = metrics.ToolInstrument(toolId, name, unit, static (meter, n, u) => meter.CreateCounter<long>(n, u));
        var tagList = ToTagList(tags);
        counter.Add(value, in tagList);
    }

    public void Adjust(string name, long delta, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
        var counter = metrics.ToolInstrument(toolId, name, unit, static (meter, n, u) => meter.CreateUpDownCounter<long>(n, u));
        var tagList = ToTagList(tags);
        var key = Key(name, tags);
        lock (_gate)
        {
            if (_closed)
            {
                // The run has ended and its levels were taken back: a late change would skew them for good.
                return;
            }

            var net = _levels.TryGetValue(key, out var level) ? level.Net : 0;
            _levels[key] = (counter, tagList, net + delta);
            counter.Add(delta, in tagList);
        }
    }

    public void Record(string name, double value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
        var histogram = metrics.ToolInstrument(toolId, name, unit, static (meter, n, u) => meter.CreateHistogram<double>(n, u));
        var tagList = ToTagList(tags);
        histogram.Record(value, in tagList);
    }

    /// <summary>Takes back every level change the run made and ignores later ones.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var (counter, tags, net) in _levels.Values)
            {
                if (net != 0)
                {
                    counter.Add(-net, in tags);
                }
            }

            _levels.Clear();
        }
    }

    private static TagList ToTagList(ReadOnlySpan<(string Key, string Value)> tags)
    {
        if (tags.Length > MaxTags)
        {
            throw new ArgumentException($"at most {MaxTags} tags per measurement", nameof(tags));
        }

        var list = default(TagList);
        foreach (var (key, value) in tags)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(tags));
            list.Add(key, value);
        }

        return list;
    }

    private static string Key(string name, ReadOnlySpan<(string Key, string Value)> tags)
    {
        if (tags.IsEmpty)
        {
            return name;
        }

        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            parts[i] = tags[i].Key + "=" + tags[i].Value;
        }

        Array.Sort(parts, StringComparer.Ordinal);
        return name + "|" + string.Join('|', parts);
    }
}
