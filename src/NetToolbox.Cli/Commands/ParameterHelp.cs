using System.Globalization;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Commands;

/// <summary>Help text of one option, generated from the parameter's schema: its help, kind, default, bounds and choices.</summary>
internal static class ParameterHelp
{
    /// <summary>The value placeholder: <c>&lt;host&gt;</c>, <c>&lt;duration&gt;</c>, <c>&lt;icmp|tcp&gt;</c>, ...</summary>
    public static string ValueName(ParameterSpec parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Kind switch
        {
            ParameterKind.Choice when parameter.Choices is { Count: > 0 } choices => string.Join('|', choices),
            ParameterKind.Integer => "n",
            ParameterKind.Boolean => "true|false",
            _ => parameter.Kind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>e.g. <c>Time between probes (at least 10 ms). [duration; default: 1s; min: 10ms; max: 1h]</c>.</summary>
    public static string Describe(ParameterSpec parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var facts = new List<string> { parameter.Kind.ToString().ToLowerInvariant() };
        if (parameter.Required && parameter.Default is null)
        {
            facts.Add("required");
        }

        if (parameter.Default is { } value)
        {
            facts.Add("default: " + value);
        }

        var unit = parameter.Kind == ParameterKind.Text ? " characters" : string.Empty;
        if (parameter.Min is { } min)
        {
            facts.Add("min: " + Bound(parameter.Kind, min) + unit);
        }

        if (parameter.Max is { } max)
        {
            facts.Add("max: " + Bound(parameter.Kind, max) + unit);
        }

        var help = string.IsNullOrWhiteSpace(parameter.Help) ? parameter.Label : parameter.Help;
        return $"{help} [{string.Join("; ", facts)}]";
    }

    private static string Bound(ParameterKind kind, double value) =>
        kind == ParameterKind.Duration ? Duration(value) : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Seconds in the shortest unit that states them exactly: <c>0.01</c> → <c>10ms</c>, <c>3600</c> → <c>1h</c>.</summary>
    internal static string Duration(double seconds)
    {
        if (seconds == 0)
        {
            return "0s";
        }

        foreach (var (suffix, size) in new[] { ("h", 3600.0), ("m", 60.0), ("s", 1.0) })
        {
            if (seconds >= size && seconds % size == 0)
            {
                return (seconds / size).ToString("0", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return seconds < 1
            ? (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
            : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
