using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Validation;

/// <summary>Parses one parameter's text into the CLR value of its kind and checks its bounds.</summary>
internal static class ParameterParser
{
    public static bool TryParse(ParameterSpec parameter, string text, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
    {
        text = text.Trim();
        (value, error) = parameter.Kind switch
        {
            ParameterKind.Text => ParseText(parameter, text),
            ParameterKind.Host => ParseHost(text),
            ParameterKind.Port => ParseInteger(parameter, text, 0, 65535, asPort: true),
            ParameterKind.Integer => ParseInteger(parameter, text, long.MinValue, long.MaxValue, asPort: false),
            ParameterKind.Duration => ParseDuration(parameter, text),
            ParameterKind.Boolean => ParseBoolean(text),
            ParameterKind.Choice => ParseChoice(parameter, text),
            ParameterKind.Cidr => ParseCidr(text),
            ParameterKind.Endpoint => ParseEndpoint(text),
            _ => (null, $"has an unsupported kind {parameter.Kind}"),
        };
        return value is not null;
    }

    private static (object?, string?) ParseText(ParameterSpec parameter, string text)
    {
        if (parameter.Min is { } min && text.Length < min)
        {
            return (null, $"must be at least {min} characters");
        }

        if (parameter.Max is { } max && text.Length > max)
        {
            return (null, $"must be at most {max} characters");
        }

        return (text, null);
    }

    private static (object?, string?) ParseHost(string text)
    {
        var host = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        return NetworkEndpoint.IsValidHost(host)
            ? (host, null)
            : (null, $"'{text}' is not a valid host name or IP address");
    }

    private static (object?, string?) ParseInteger(ParameterSpec parameter, string text, long floor, long ceiling, bool asPort)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return (null, asPort ? $"'{text}' is not a port number (0-65535)" : $"'{text}' is not a whole number");
        }

        var low = Math.Max(floor, parameter.Min is { } min ? (long)Math.Ceiling(min) : floor);
        var high = Math.Min(ceiling, parameter.Max is { } max ? (long)Math.Floor(max) : ceiling);
        if (number < low || number > high)
        {
            return (null, $"must be between {low} and {high}");
        }

        return asPort ? ((int)number, null) : (number, null);
    }

    private static (object?, string?) ParseDuration(ParameterSpec parameter, string text)
    {
        if (!DurationParser.TryParse(text, out var parsed))
        {
            return (null, $"'{text}' is not a duration (e.g. PT0.25S, 00:00:05, 250ms, 5s)");
        }

        var duration = parsed.Value;
        var min = TimeSpan.FromSeconds(parameter.Min ?? 0);
        if (duration < min)
        {
            return (null, $"must be at least {Describe(min)}");
        }

        if (parameter.Max is { } maxSeconds && duration > TimeSpan.FromSeconds(maxSeconds))
        {
            return (null, $"must be at most {Describe(TimeSpan.FromSeconds(maxSeconds))}");
        }

        return (duration, null);
    }

    private static (object?, string?) ParseBoolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => (true, null),
        "FALSE" or "0" or "NO" or "OFF" => (false, null),
        _ => (null, $"'{text}' is not true or false"),
    };

    private static (object?, string?) ParseChoice(ParameterSpec parameter, string text)
    {
        var choices = parameter.Choices ?? [];
        var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return match is not null
            ? (match, null)
            : (null, $"'{text}' is not one of: {string.Join(", ", choices)}");
    }

    private static (object?, string?) ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPNetwork.TryParse(text, out var network))
        {
            // On .NET 10, IPNetwork.TryParse accepts set host bits and silently clears them ("192.0.2.1/24" gives 192.0.2.0/24).
            // Quietly widening what the user typed hides mistakes, so refuse it and say which network was probably meant.
            return IPAddress.TryParse(text[..slash], out var typed) && typed.Equals(network.BaseAddress)
                ? (network, null)
                : (null, $"'{text}' has host bits set; did you mean {network}?");
        }

        return (null, $"'{text}' is not a network in CIDR notation (e.g. 192.0.2.0/24 or 2001:db8::/120)");
    }

    private static (object?, string?) ParseEndpoint(string text) =>
        NetworkEndpoint.TryParse(text, out var endpoint, out var error) ? (endpoint, null) : (null, error);

    private static string Describe(TimeSpan span) => span.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}
