using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;

namespace NetToolbox.Core.Validation;

/// <summary>
/// Parses durations as people and scripts write them: ISO 8601 (<c>PT0.25S</c>), <c>hh:mm:ss[.fff]</c>,
/// or a number with a unit suffix (<c>250ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>). A bare number means seconds.
/// </summary>
public static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] Units =
    [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600),
    ];

    private static readonly double MaxSeconds = TimeSpan.MaxValue.TotalSeconds;

    /// <summary>Parses <paramref name="text"/>; false when it is none of the accepted forms.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? value)
    {
        value = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return false;
            }
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParseExact(text, ["c", @"h\:mm\:ss", @"h\:mm\:ss\.FFFFFFF"], CultureInfo.InvariantCulture, out var span))
            {
                value = span;
                return true;
            }

            return false;
        }

        foreach (var (suffix, seconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && TryNumber(text[..^suffix.Length], out var number))
            {
                return TryFromSeconds(number * seconds, out value);
            }
        }

        return TryNumber(text, out var plainSeconds) && TryFromSeconds(plainSeconds, out value);
    }

    /// <summary>Formats a duration as ISO 8601, the form the API echoes back.</summary>
    public static string Format(TimeSpan value) => XmlConvert.ToString(value);

    // TimeSpan.FromSeconds throws beyond about 29,000 years; input that large is not a duration, not a crash.
    private static bool TryFromSeconds(double seconds, [NotNullWhen(true)] out TimeSpan? value)
    {
        value = Math.Abs(seconds) < MaxSeconds ? TimeSpan.FromSeconds(seconds) : null;
        return value is not null;
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
