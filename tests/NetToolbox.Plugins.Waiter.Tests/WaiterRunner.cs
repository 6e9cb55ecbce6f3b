using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Waiter.Tests;

/// <summary>Starts the waiter through the real schema binder, and reads its events.</summary>
internal static class WaiterRunner
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static IReadOnlyDictionary<string, object> Bind(params (string Name, string Value)[] arguments)
    {
        var tool = new WaiterTool();
        var result = ArgumentBinder.Bind(tool.Descriptor, arguments.ToDictionary(a => a.Name, a => (string?)a.Value));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Input!.Values;
    }

    public static ToolHarness Start(IToolContext? context, params (string Name, string Value)[] arguments) =>
        ToolHarness.Start(new WaiterTool(), Bind(arguments), context);

    public static ToolHarness Start(params (string Name, string Value)[] arguments) => Start(null, arguments);

    public static int CountLogs(this ToolHarness harness, string contains) =>
        harness.Events.OfType<LogEvent>().Count(e => e.Text.Contains(contains, StringComparison.Ordinal));

    public static RowEvent? LatestRow(this ToolHarness harness, string key) =>
        harness.Events.OfType<RowEvent>().LastOrDefault(r => r.Key == key);

    public static string? State(this RowEvent row) => row.Values[1]?.GetValue<string>();

    public static int Attempts(this RowEvent row) => row.Values[2]!.GetValue<int>();

    public static async Task<ResultEvent> ResultAsync(this ToolHarness harness)
    {
        await harness.Completion.WaitAsync(Patience);
        var results = harness.Events.OfType<ResultEvent>().ToList();
        Assert.Single(results);
        Assert.IsType<ResultEvent>(harness.Events[^1]);
        return results[0];
    }

    public static JsonObject TargetData(this ResultEvent result, string target) =>
        result.Data!["targets"]!.AsArray().Select(t => t!.AsObject()).Single(t => t["target"]!.GetValue<string>() == target);
}
