using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Which HTTP status codes count as ready: a comma-separated list of codes (<c>200</c>), classes
/// (<c>2xx</c>) and ranges (<c>200-399</c>).
/// </summary>
internal sealed class StatusMatcher
{
    private readonly (int Low, int High)[] _ranges;

    private StatusMatcher(string text, (int Low, int High)[] ranges)
    {
        Text = text;
        _ranges = ranges;
    }

    /// <summary>The default: any 2xx.</summary>
    public static StatusMatcher AnySuccess { get; } = new("2xx", [(200, 299)]);

    /// <summary>The normalised text form, for messages.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="status"/> is expected.</summary>
    public bool Matches(int status)
    {
        foreach (var (low, high) in _ranges)
        {
            if (status >= low && status <= high)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the text form; <paramref name="error"/> names the bad part.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StatusMatcher? matcher, [NotNullWhen(false)] out string? error)
    {
        matcher = null;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            error = "no status given; use e.g. 200, 2xx or 200-399";
            return false;
        }

        var ranges = new List<(int, int)>(parts.Length);
        foreach (var part in parts)
        {
            if (!TryParsePart(part, out var range))
            {
                error = $"'{part}' is not a status code (100-599), class (2xx) or range (200-399)";
                return false;
            }

            ranges.Add(range);
        }

        matcher = new StatusMatcher(string.Join(',', parts).ToLowerInvariant(), [.. ranges]);
        error = null;
        return true;
    }

    private static bool TryParsePart(string part, out (int Low, int High) range)
    {
        range = default;
        if (part.Length == 3 && part.EndsWith("xx", StringComparison.OrdinalIgnoreCase) && part[0] is >= '1' and <= '5')
        {
            var hundreds = (part[0] - '0') * 100;
            range = (hundreds, hundreds + 99);
            return true;
        }

        var dash = part.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return TryCode(part, out var code) && Assign(out range, code, code);
        }

        return TryCode(part[..dash].Trim(), out var low)
            && TryCode(part[(dash + 1)..].Trim(), out var high)
            && low <= high
            && Assign(out range, low, high);
    }

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code) && code is >= 100 and <= 599;

    private static bool Assign(out (int Low, int High) range, int low, int high)
    {
        range = (low, high);
        return true;
    }
}
