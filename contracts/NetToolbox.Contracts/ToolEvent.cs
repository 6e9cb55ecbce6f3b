using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetToolbox.Contracts;

/// <summary>
/// Something a tool reports while it runs. The set is closed (log, sample, row, progress, result)
/// so every viewer knows how to draw every event. The host stamps <see cref="Seq"/> and <see cref="At"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LogEvent), "log")]
[JsonDerivedType(typeof(SampleEvent), "sample")]
[JsonDerivedType(typeof(RowEvent), "row")]
[JsonDerivedType(typeof(ProgressEvent), "progress")]
[JsonDerivedType(typeof(ResultEvent), "result")]
public abstract record ToolEvent
{
    private protected ToolEvent()
    {
    }

    /// <summary>Position in the run, counting from 1; set by the host.</summary>
    [JsonPropertyOrder(-3)]
    public long Seq { get; init; }

    /// <summary>When the host received the event; set by the host.</summary>
    [JsonPropertyOrder(-1)]
    public DateTimeOffset At { get; init; }
}

/// <summary>Severity of a <see cref="LogEvent"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LogEventLevel>))]
public enum LogEventLevel
{
    /// <summary>Detail for troubleshooting.</summary>
    [JsonStringEnumMemberName("debug")] Debug,

    /// <summary>Normal progress.</summary>
    [JsonStringEnumMemberName("info")] Info,

    /// <summary>Something went wrong but the run goes on.</summary>
    [JsonStringEnumMemberName("warning")] Warning,

    /// <summary>A failure.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>A line of text for the run's console.</summary>
/// <param name="Level">Severity.</param>
/// <param name="Text">The line, without a trailing newline.</param>
public sealed record LogEvent(LogEventLevel Level, string Text) : ToolEvent;

/// <summary>A measurement drawn as a point on a live chart.</summary>
/// <param name="Series">Which line of the chart, e.g. <c>rtt</c> or <c>timeout</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>, e.g. <c>ms</c>, <c>bit/s</c>.</param>
public sealed record SampleEvent(string Series, double Value, string? Unit = null) : ToolEvent;

/// <summary>
/// A row of a table. A later row with the same non-null <see cref="Key"/> (in the same table) replaces
/// the earlier one, in the view and in the run's backlog.
/// </summary>
/// <param name="Columns">Column names, in order.</param>
/// <param name="Values">Cell values matching <paramref name="Columns"/>: strings, numbers, booleans or null.</param>
/// <param name="Key">Identity for in-place updates, or null for an append-only row.</param>
/// <param name="Table">Which table when a tool emits several, or null for the default table.</param>
public sealed record RowEvent(
    IReadOnlyList<string> Columns,
    IReadOnlyList<JsonNode?> Values,
    string? Key = null,
    string? Table = null) : ToolEvent;

/// <summary>How far a long task has come.</summary>
/// <param name="Fraction">0 to 1, or null when unknown.</param>
/// <param name="Message">What is happening now.</param>
public sealed record ProgressEvent(double? Fraction, string? Message = null) : ToolEvent;

/// <summary>The outcome of the run. The last result a tool yields decides whether the run succeeded.</summary>
/// <param name="Success">True when the tool did what was asked.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Data">Structured figures for scripts (plain JSON values only).</param>
public sealed record ResultEvent(bool Success, string Summary, JsonObject? Data = null) : ToolEvent;
