using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Validation;

/// <summary>
/// Turns raw arguments (text as typed in a form or CLI, or JSON values) into a <see cref="ToolInput"/>
/// according to a tool's parameter schema, collecting every problem per field instead of stopping at the first.
/// </summary>
public static class ArgumentBinder
{
    /// <summary>Binds JSON values (from REST or the hub). Strings, numbers and booleans are accepted for every kind.</summary>
    public static BindingResult Bind(ToolDescriptor tool, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, element) in arguments ?? new Dictionary<string, JsonElement>())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    raw[name] = element.GetString();
                    break;
                case JsonValueKind.Number:
                    raw[name] = element.GetRawText();
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    raw[name] = element.GetBoolean() ? "true" : "false";
                    break;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    raw[name] = null;
                    break;
                default:
                    AddError(errors, name, "must be a single value (string, number or boolean)");
                    break;
            }
        }

        return Bind(tool, raw, errors);
    }

    /// <summary>Binds text values (from a form or command line). Null or empty text means "not given".</summary>
    public static BindingResult Bind(ToolDescriptor tool, IReadOnlyDictionary<string, string?>? arguments) =>
        Bind(tool, arguments ?? new Dictionary<string, string?>(), new Dictionary<string, List<string>>(StringComparer.Ordinal));

    /// <summary>Validates one value of one parameter; null when it is valid. Used by forms for inline messages.</summary>
    public static string? ValidateValue(ParameterSpec parameter, string? text)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (string.IsNullOrWhiteSpace(text))
        {
            return parameter.Required && parameter.Default is null ? "is required" : null;
        }

        return ParameterParser.TryParse(parameter, text, out _, out var error) ? null : error;
    }

    private static BindingResult Bind(
        ToolDescriptor tool,
        IReadOnlyDictionary<string, string?> raw,
        Dictionary<string, List<string>> errors)
    {
        var known = tool.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var name in raw.Keys.Where(name => !known.ContainsKey(name)))
        {
            var expected = string.Join(", ", tool.Parameters.Select(p => p.Name));
            AddError(errors, name, $"is not a parameter of {tool.Id}; expected one of: {expected}");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var normalized = new JsonObject();
        foreach (var parameter in tool.Parameters)
        {
            var text = Lookup(raw, parameter.Name);
            if (string.IsNullOrWhiteSpace(text))
            {
                text = parameter.Default;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                if (parameter.Required)
                {
                    AddError(errors, parameter.Name, "is required");
                }

                continue;
            }

            if (ParameterParser.TryParse(parameter, text, out var value, out var error))
            {
                values[parameter.Name] = value;
                normalized[parameter.Name] = ToJson(value);
            }
            else
            {
                AddError(errors, parameter.Name, error);
            }
        }

        return errors.Count > 0
            ? BindingResult.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal))
            : BindingResult.Valid(new ToolInput(values), normalized);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string?> raw, string name)
    {
        if (raw.TryGetValue(name, out var exact))
        {
            return exact;
        }

        // Parameter names are camelCase, but a hand-written request may differ in case.
        foreach (var (key, value) in raw)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static JsonValue ToJson(object value) => value switch
    {
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        TimeSpan t => JsonValue.Create(DurationParser.Format(t)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static void AddError(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }
}

/// <summary>The outcome of binding arguments: either typed input or errors per field.</summary>
public sealed record BindingResult
{
    private BindingResult()
    {
    }

    /// <summary>The typed input, when valid.</summary>
    public ToolInput? Input { get; private init; }

    /// <summary>The arguments after parsing and defaults, in canonical JSON form (echoed by the API).</summary>
    public JsonObject? Arguments { get; private init; }

    /// <summary>Messages per field, when invalid.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = new Dictionary<string, string[]>();

    /// <summary>True when every argument is valid.</summary>
    public bool IsValid => Input is not null;

    internal static BindingResult Valid(ToolInput input, JsonObject arguments) => new() { Input = input, Arguments = arguments };

    internal static BindingResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new() { Errors = errors };
}
