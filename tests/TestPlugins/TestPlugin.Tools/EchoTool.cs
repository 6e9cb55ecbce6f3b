using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.Tools;

/// <summary>
/// <c>echo</c>: has one parameter of every kind (only <c>message</c> is required) and returns the typed values it
/// received in its result data: <c>values</c> maps each given parameter to its value (numbers and booleans as JSON
/// numbers and booleans, a duration as milliseconds, a CIDR or endpoint as its text form) and <c>types</c> maps it
/// to the CLR type name the host passed (e.g. <c>Int32</c>, <c>TimeSpan</c>, <c>IPNetwork</c>).
/// </summary>
public sealed class EchoTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "echo",
        Name = "Echo",
        Description = "Test tool: returns its typed arguments in the result.",
        Category = "Test",
        Icon = "replay",
        Parameters =
        [
            new ParameterSpec { Name = "message", Label = "Message", Kind = ParameterKind.Text, Required = true, Min = 1, Max = 200, Help = "Any text." },
            new ParameterSpec { Name = "host", Label = "Host", Kind = ParameterKind.Host },
            new ParameterSpec { Name = "port", Label = "Port", Kind = ParameterKind.Port },
            new ParameterSpec { Name = "count", Label = "Count", Kind = ParameterKind.Integer, Min = 1, Max = 100 },
            new ParameterSpec { Name = "delay", Label = "Delay", Kind = ParameterKind.Duration, Max = 10 },
            new ParameterSpec { Name = "flag", Label = "Flag", Kind = ParameterKind.Boolean, Default = "false" },
            new ParameterSpec { Name = "mode", Label = "Mode", Kind = ParameterKind.Choice, Choices = ["fast", "slow"], Default = "fast" },
            new ParameterSpec { Name = "network", Label = "Network", Kind = ParameterKind.Cidr },
            new ParameterSpec { Name = "target", Label = "Target", Kind = ParameterKind.Endpoint },
        ],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var values = new JsonObject();
        var types = new JsonObject();
        foreach (var (name, value) in input.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            values[name] = ToJson(value);
            types[name] = value.GetType().Name;
        }

        yield return new LogEvent(LogEventLevel.Info, input.Get<string>("message"));
        yield return new ResultEvent(true, "echoed " + values.Count.ToString(CultureInfo.InvariantCulture) + " values", new JsonObject
        {
            ["values"] = values,
            ["types"] = types,
        });
    }

    private static JsonNode? ToJson(object value) => value switch
    {
        string s => s,
        int i => i,
        long l => l,
        bool b => b,
        TimeSpan t => t.TotalMilliseconds,
        IPNetwork n => n.ToString(),
        NetworkEndpoint e => e.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
