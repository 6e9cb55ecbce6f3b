using System.Collections.Concurrent;
using NetToolbox.Contracts;

namespace NetToolbox.Testing;

/// <summary>One metric call a tool made.</summary>
/// <param name="Kind"><c>count</c>, <c>adjust</c> or <c>record</c>.</param>
/// <param name="Name">The tool's metric name.</param>
/// <param name="Value">The value or delta.</param>
/// <param name="Unit">The unit given, or null.</param>
/// <param name="Tags">The tags given.</param>
public sealed record ToolMetricCall(string Kind, string Name, double Value, string? Unit, IReadOnlyList<(string Key, string Value)> Tags);

/// <summary>Records every metric call, so a plugin test can assert on what the tool reported.</summary>
public sealed class TestToolMetrics : IToolMetrics
{
    private readonly ConcurrentQueue<ToolMetricCall> _calls = new();

    /// <summary>The calls so far, in order.</summary>
    public IReadOnlyList<ToolMetricCall> Calls => [.. _calls];

    /// <summary>Sum of the values of every call to <paramref name="name"/>.</summary>
    public double Sum(string name) => _calls.Where(c => c.Name == name).Sum(c => c.Value);

    /// <inheritdoc />
    public void Count(string name, long value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags) =>
        _calls.Enqueue(new("count", name, value, unit, tags.ToArray()));

    /// <inheritdoc />
    public void Adjust(string name, long delta, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags) =>
        _calls.Enqueue(new("adjust", name, delta, unit, tags.ToArray()));

    /// <inheritdoc />
    public void Record(string name, double value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags) =>
        _calls.Enqueue(new("record", name, value, unit, tags.ToArray()));
}
