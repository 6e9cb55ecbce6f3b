using System.Diagnostics.CodeAnalysis;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>One run's settings, read from validated input.</summary>
internal sealed record WaitOptions
{
    /// <summary>What to wait for, in the order given.</summary>
    public required IReadOnlyList<WaitTarget> Targets { get; init; }

    /// <summary>True: one target after another; false: all at once.</summary>
    public bool Sequential { get; init; }

    /// <summary>Overall limit for the whole run.</summary>
    public TimeSpan Timeout { get; init; } = WaiterParameters.DefaultTimeout;

    /// <summary>Pause between attempts on one target (the first pause with backoff).</summary>
    public TimeSpan Interval { get; init; } = WaiterParameters.DefaultInterval;

    /// <summary>Limit of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = WaiterParameters.DefaultAttemptTimeout;

    /// <summary>Which HTTP statuses count as ready.</summary>
    public StatusMatcher ExpectStatus { get; init; } = StatusMatcher.AnySuccess;

    /// <summary>Wait until the targets stop accepting instead.</summary>
    public bool Invert { get; init; }

    /// <summary>Double the pause after each failure, up to <see cref="MaxInterval"/>.</summary>
    public bool Backoff { get; init; }

    /// <summary>Cap of the pause with backoff.</summary>
    public TimeSpan MaxInterval { get; init; } = WaiterParameters.DefaultMaxInterval;

    /// <summary>Accept any TLS certificate for https targets.</summary>
    public bool InsecureTls { get; init; }

    /// <summary>Reads the options; false with a message for what the schema cannot check (the target list, the status list).</summary>
    public static bool TryRead(ToolInput input, [NotNullWhen(true)] out WaitOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (!TargetListParser.TryParse(input.GetString(WaiterParameters.Targets), out var targets, out error))
        {
            error = $"{WaiterParameters.Targets}: {error}";
            return false;
        }

        var matcher = StatusMatcher.AnySuccess;
        if (input.GetString(WaiterParameters.ExpectStatus) is { } statusText
            && !StatusMatcher.TryParse(statusText, out matcher, out error))
        {
            error = $"{WaiterParameters.ExpectStatus}: {error}";
            return false;
        }

        options = new WaitOptions
        {
            Targets = targets,
            Sequential = string.Equals(input.GetString(WaiterParameters.Mode), WaiterParameters.ModeSequential, StringComparison.OrdinalIgnoreCase),
            Timeout = input.Get(WaiterParameters.Timeout, WaiterParameters.DefaultTimeout),
            Interval = input.Get(WaiterParameters.Interval, WaiterParameters.DefaultInterval),
            AttemptTimeout = input.Get(WaiterParameters.AttemptTimeout, WaiterParameters.DefaultAttemptTimeout),
            ExpectStatus = matcher,
            Invert = input.Get(WaiterParameters.Invert, false),
            Backoff = input.Get(WaiterParameters.Backoff, false),
            MaxInterval = input.Get(WaiterParameters.MaxInterval, WaiterParameters.DefaultMaxInterval),
            InsecureTls = input.Get(WaiterParameters.InsecureTls, false),
        };
        return true;
    }
}
