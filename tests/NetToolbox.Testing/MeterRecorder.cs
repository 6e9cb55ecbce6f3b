using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NetToolbox.Testing;

/// <summary>One measurement seen by a <see cref="MeterRecorder"/>.</summary>
/// <param name="Instrument">Instrument name.</param>
/// <param name="Value">The measurement (counters and up-down counters: the delta).</param>
/// <param name="Tags">Its tags, values as strings.</param>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Listens with a <see cref="MeterListener"/> to every instrument of one <see cref="Meter"/> instance (so parallel
/// tests with their own meters do not see each other's figures) and keeps the measurements.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    /// <summary>Starts listening to <paramref name="meter"/>'s instruments, including ones created later.</summary>
    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement so far.</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements => [.. _measurements];

    /// <summary>Measurements of one instrument whose tag <paramref name="tag"/> is <paramref name="value"/> (any tags when null).</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, string? tag = null, string? value = null) =>
        _measurements.Where(m => m.Instrument == instrument && (tag is null || (m.Tags.TryGetValue(tag, out var v) && v == value))).ToList();

    /// <summary>Sum of the measurements of one instrument (for a counter: its total; for an up-down counter: its level).</summary>
    public double Sum(string instrument, string? tag = null, string? value = null) => Of(instrument, tag, value).Sum(m => m.Value);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public Task WaitForAsync(Func<MeterRecorder, bool> condition, TimeSpan timeout, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(condition(this)), timeout, what);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue?.ToString();
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
