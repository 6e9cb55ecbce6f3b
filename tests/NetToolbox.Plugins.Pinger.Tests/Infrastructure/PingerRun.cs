using System.Text.RegularExpressions;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Pinger.Tests.Infrastructure;

/// <summary>Binds arguments through the host's real validator (so defaults apply) and runs the pinger.</summary>
internal static class PingerRun
{
    public static IReadOnlyDictionary<string, object> Input(params (string Name, string Value)[] arguments)
    {
        var binding = ArgumentBinder.Bind(PingerDescriptor.Value, arguments.ToDictionary(a => a.Name, a => (string?)a.Value));
        Assert.True(binding.IsValid, "arguments invalid: " + string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return binding.Input!.Values;
    }

    public static Task<IReadOnlyList<ToolEvent>> ToEndAsync(ISocketFactory? sockets, TimeSpan timeout, params (string Name, string Value)[] arguments) =>
        ToolHarness.RunToEndAsync(new PingerTool(sockets ?? SystemSocketFactory.Instance), Input(arguments), timeout);

    public static ToolHarness Start(ISocketFactory? sockets, params (string Name, string Value)[] arguments) =>
        ToolHarness.Start(new PingerTool(sockets ?? SystemSocketFactory.Instance), Input(arguments));

    public static ResultEvent Result(this IReadOnlyList<ToolEvent> events) => Assert.IsType<ResultEvent>(events[^1]);

    public static List<string> Lines(this IReadOnlyList<ToolEvent> events, string pattern) =>
        [.. events.OfType<LogEvent>().Select(e => e.Text).Where(t => Regex.IsMatch(t, pattern))];

    public static List<double> Samples(this IReadOnlyList<ToolEvent> events, string series) =>
        [.. events.OfType<SampleEvent>().Where(s => s.Series == series).Select(s => s.Value)];

    public static long Long(this ResultEvent result, string name) => long.Parse(result.Data![name]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static double Double(this ResultEvent result, string name) => double.Parse(result.Data![name]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
