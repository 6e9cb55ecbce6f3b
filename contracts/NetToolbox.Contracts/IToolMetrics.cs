namespace NetToolbox.Contracts;

/// <summary>
/// Metrics a tool reports through the host, which publishes them (with OpenTelemetry, when configured) as instruments
/// named <c>nettoolbox.tool.&lt;tool id&gt;.&lt;name&gt;</c>. The plugin needs no metrics library, and the host keeps
/// nothing of the plugin's: names, units and tags are plain strings, measurements plain numbers.
/// </summary>
/// <remarks>
/// A name is lower case: letters, digits, <c>.</c> and <c>_</c>, starting with a letter, at most 63 characters
/// (for example <c>bytes</c>, <c>connections.open</c>, <c>rtt</c>). The first call for a name fixes its kind and unit.
/// Tags should have few distinct values (a direction, a mode), never one per connection or per packet.
/// Calls are cheap and thread-safe, but meant for periodic or per-event figures, not per buffer on a data path.
/// </remarks>
public interface IToolMetrics
{
    /// <summary>Adds a non-negative amount to a running total (bytes relayed, probes sent).</summary>
    /// <param name="name">Instrument name within the tool.</param>
    /// <param name="value">Amount to add, zero or more.</param>
    /// <param name="unit">UCUM unit such as <c>By</c> or <c>{probe}</c>, or null.</param>
    /// <param name="tags">Up to four string tags, as <c>("direction", "up")</c>.</param>
    void Count(string name, long value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags);

    /// <summary>
    /// Moves a level up or down (open connections). Whatever a run added is taken back when the run ends,
    /// so a level never stays raised by a run that stopped without reporting zero.
    /// </summary>
    /// <param name="name">Instrument name within the tool.</param>
    /// <param name="delta">Change, positive or negative.</param>
    /// <param name="unit">UCUM unit such as <c>{connection}</c>, or null.</param>
    /// <param name="tags">Up to four string tags, as <c>("direction", "up")</c>.</param>
    void Adjust(string name, long delta, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags);

    /// <summary>Records one value in a distribution (round-trip times, durations).</summary>
    /// <param name="name">Instrument name within the tool.</param>
    /// <param name="value">The measured value.</param>
    /// <param name="unit">UCUM unit such as <c>ms</c> or <c>s</c>, or null.</param>
    /// <param name="tags">Up to four string tags, as <c>("direction", "up")</c>.</param>
    void Record(string name, double value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags);
}

/// <summary>Metrics that go nowhere: for hosts that do not collect them.</summary>
public sealed class NullToolMetrics : IToolMetrics
{
    /// <summary>The one instance.</summary>
    public static NullToolMetrics Instance { get; } = new();

    private NullToolMetrics()
    {
    }

    /// <inheritdoc />
    public void Count(string name, long value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
    }

    /// <inheritdoc />
    public void Adjust(string name, long delta, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
    }

    /// <inheritdoc />
    public void Record(string name, double value, string? unit = null, params ReadOnlySpan<(string Key, string Value)> tags)
    {
    }
}
