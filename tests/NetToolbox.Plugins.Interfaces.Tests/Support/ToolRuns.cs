using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>Binds text arguments through the host's schema validation and runs a tool to its end.</summary>
internal static class ToolRuns
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<IReadOnlyList<ToolEvent>> RunAsync(ITool tool, params (string Name, string Value)[] arguments)
    {
        var binding = ArgumentBinder.Bind(tool.Descriptor, arguments.ToDictionary(a => a.Name, a => (string?)a.Value));
        Assert.True(binding.IsValid, "arguments rejected: " + string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return await ToolHarness.RunToEndAsync(tool, binding.Input!.Values, Timeout);
    }

    public static ResultEvent Result(IReadOnlyList<ToolEvent> events) => Assert.IsType<ResultEvent>(events[^1]);

    public static IReadOnlyList<RowEvent> Rows(IReadOnlyList<ToolEvent> events, string table) =>
        [.. events.OfType<RowEvent>().Where(r => r.Table == table)];

    /// <summary>The cell of <paramref name="column"/> as text (numbers and booleans in their JSON form), or null.</summary>
    public static string? Cell(RowEvent row, string column)
    {
        var index = row.Columns.ToList().IndexOf(column);
        Assert.True(index >= 0, $"row has no column {column}");
        return row.Values[index]?.ToJsonString().Trim('"');
    }
}
