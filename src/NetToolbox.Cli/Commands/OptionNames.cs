using System.Text;

namespace NetToolbox.Cli.Commands;

/// <summary>Command-line names: parameters as kebab-case options, and short aliases for the first-party tools.</summary>
internal static class OptionNames
{
    /// <summary>Short names people type, as in the seed's recipes (<c>nettoolbox ping --host ::1</c>).</summary>
    public static IReadOnlyDictionary<string, string> ToolAliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ping"] = "pinger",
        ["forward"] = "forwarder",
        ["wait"] = "waiter",
        ["ifaces"] = "interfaces",
        ["ip"] = "iplookup",
    };

    /// <summary>Options every command has; a parameter with one of these names gets the <c>--arg-</c> prefix instead.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "help", "h", "json", "server", "token", "plugins", "verbose", "version",
    };

    /// <summary><c>maxConnections</c> → <c>max-connections</c>, <c>insecureTLS</c> → <c>insecure-tls</c>.</summary>
    public static string Kebab(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or ' ' or '.')
            {
                text.Append('-');
                continue;
            }

            if (char.IsUpper(c) && i > 0)
            {
                var afterLower = char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]);
                var endsAcronym = char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (afterLower || endsAcronym)
                {
                    text.Append('-');
                }
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>The option of a parameter, e.g. <c>--max-connections</c>.</summary>
    public static string Option(string parameterName)
    {
        var kebab = Kebab(parameterName);
        return Reserved.Contains(kebab) ? "--arg-" + kebab : "--" + kebab;
    }
}
