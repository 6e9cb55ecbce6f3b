namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// The pause before the next attempt on one target: a fixed interval, or with backoff an interval
/// that doubles after each failed attempt up to a cap (never below the first interval).
/// </summary>
internal sealed class RetryDelay
{
    private readonly bool _backoff;
    private readonly TimeSpan _cap;
    private TimeSpan _next;

    public RetryDelay(TimeSpan interval, bool backoff, TimeSpan cap)
    {
        _next = interval;
        _backoff = backoff;
        _cap = cap > interval ? cap : interval;
    }

    /// <summary>The pause to take now; advances the backoff.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        if (_backoff)
        {
            _next = current >= _cap / 2 ? _cap : current * 2;
        }

        return current;
    }
}
