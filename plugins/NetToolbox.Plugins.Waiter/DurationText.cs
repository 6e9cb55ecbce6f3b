using System.Globalization;

namespace NetToolbox.Plugins.Waiter;

/// <summary>Durations in messages: <c>250 ms</c>, <c>1.25 s</c>.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}
