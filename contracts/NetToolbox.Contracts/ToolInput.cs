using System.Net;

namespace NetToolbox.Contracts;

/// <summary>
/// The validated arguments of one run, already parsed into the CLR type of each parameter's kind:
/// <see cref="string"/> (text, host, choice), <see cref="int"/> (port), <see cref="long"/> (integer),
/// <see cref="TimeSpan"/> (duration), <see cref="bool"/> (boolean), <see cref="IPNetwork"/> (cidr),
/// <see cref="NetworkEndpoint"/> (endpoint). Parameters without a value or default are absent.
/// </summary>
public sealed class ToolInput
{
    private readonly IReadOnlyDictionary<string, object> _values;

    /// <summary>Creates input from parsed values keyed by parameter name.</summary>
    public ToolInput(IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>Every present value keyed by parameter name.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>True when the parameter has a value (given or defaulted).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of a parameter, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="InvalidCastException">The parameter holds another type: a bug in the tool.</exception>
    public T Get<T>(string name, T fallback) => _values.TryGetValue(name, out var value) ? (T)value : fallback;

    /// <summary>The value of a required parameter.</summary>
    /// <exception cref="KeyNotFoundException">The parameter is absent: the tool's schema did not mark it required.</exception>
    public T Get<T>(string name) => _values.TryGetValue(name, out var value)
        ? (T)value
        : throw new KeyNotFoundException($"Parameter '{name}' has no value.");

    /// <summary>Text, host or choice value.</summary>
    public string? GetString(string name) => Get<string?>(name, null);
}
