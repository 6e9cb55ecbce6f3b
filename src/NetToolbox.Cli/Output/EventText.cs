using System.Globalization;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Output;

/// <summary>The one-line text forms shared by the plain and live views.</summary>
internal static class EventText
{
    public static string Sample(SampleEvent sample) =>
        $"{sample.Series}: {CellText.Number(sample.Value)}{(sample.Unit is null ? string.Empty : " " + sample.Unit)}";

    public static string Progress(ProgressEvent progress) =>
        progress.Fraction is { } fraction
            ? string.Create(CultureInfo.InvariantCulture, $"[{Math.Clamp(fraction, 0, 1) * 100,3:0}%] {progress.Message}").TrimEnd()
            : $"[...] {progress.Message}".TrimEnd();

    /// <summary>The closing line: the final status and the tool's own summary.</summary>
    public static string Outcome(string? status, ResultEvent? result)
    {
        var word = status ?? (result is null ? "unknown" : result.Success ? "succeeded" : "failed");
        return result is null || string.Equals(result.Summary, word, StringComparison.OrdinalIgnoreCase)
            ? word
            : $"{word}: {result.Summary}";
    }
}
