namespace NetToolbox.Plugins.Pinger.Statistics;

/// <summary>
/// Round-trip statistics as iputils <c>ping</c> prints them (transmitted, received, loss, min/avg/max/mdev),
/// plus median and p95. Not thread-safe: one run's consumer owns it.
/// </summary>
/// <remarks>
/// mdev follows iputils: sqrt(mean(x²) − mean(x)²), the population standard deviation of the RTTs.
/// p95 uses the nearest-rank method: the smallest RTT with at least 95 % of replies at or below it.
/// Median and p95 are taken over the most recent <see cref="MaxRetainedSamples"/> replies so a
/// week-long 10 ms ping stays bounded in memory; min/avg/max/mdev always cover every reply.
/// </remarks>
internal sealed class RttStatistics
{
    /// <summary>How many recent RTTs are kept for median and p95.</summary>
    public const int MaxRetainedSamples = 100_000;

    private readonly Queue<double> _recent = new();
    private double _sum;
    private double _sumOfSquares;

    /// <summary>Probes that finished: answered, timed out or failed.</summary>
    public long Transmitted { get; private set; }

    /// <summary>Probes that got their answer.</summary>
    public long Received { get; private set; }

    /// <summary>Probes answered by an error (unreachable, TTL exceeded, send failure) — iputils' "+N errors".</summary>
    public long Errors { get; private set; }

    /// <summary>Smallest RTT in ms, or null before the first reply.</summary>
    public double? Min { get; private set; }

    /// <summary>Largest RTT in ms, or null before the first reply.</summary>
    public double? Max { get; private set; }

    /// <summary>Mean RTT in ms, or null before the first reply.</summary>
    public double? Average => Received == 0 ? null : _sum / Received;

    /// <summary>iputils' mdev in ms, or null before the first reply.</summary>
    public double? MeanDeviation
    {
        get
        {
            if (Received == 0)
            {
                return null;
            }

            var mean = _sum / Received;
            var variance = (_sumOfSquares / Received) - (mean * mean);

            // Rounding can push the variance of identical samples a hair below zero.
            return Math.Sqrt(Math.Max(0, variance));
        }
    }

    /// <summary>Lost share of transmitted probes, 0–100 (0 before anything was sent).</summary>
    public double LossPercent => Transmitted == 0 ? 0 : (Transmitted - Received) * 100.0 / Transmitted;

    /// <summary>Median RTT in ms (mean of the two middle values for an even count), or null before the first reply.</summary>
    public double? Median => Percentile(sorted => sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2);

    /// <summary>95th percentile RTT in ms (nearest rank), or null before the first reply.</summary>
    public double? P95 => Percentile(sorted => sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1]);

    /// <summary>Counts an answered probe with its round-trip time in milliseconds.</summary>
    public void AddReply(double rttMs)
    {
        Transmitted++;
        Received++;
        _sum += rttMs;
        _sumOfSquares += rttMs * rttMs;
        Min = Min is { } min ? Math.Min(min, rttMs) : rttMs;
        Max = Max is { } max ? Math.Max(max, rttMs) : rttMs;
        _recent.Enqueue(rttMs);
        if (_recent.Count > MaxRetainedSamples)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>Counts a probe that got no answer in time.</summary>
    public void AddLoss() => Transmitted++;

    /// <summary>Counts a probe answered by an error; it is lost as well.</summary>
    public void AddError()
    {
        Transmitted++;
        Errors++;
    }

    private double? Percentile(Func<double[], double> pick)
    {
        if (_recent.Count == 0)
        {
            return null;
        }

        var sorted = _recent.ToArray();
        Array.Sort(sorted);
        return pick(sorted);
    }
}
