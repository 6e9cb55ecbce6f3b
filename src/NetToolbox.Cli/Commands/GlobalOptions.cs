using System.CommandLine;

namespace NetToolbox.Cli.Commands;

/// <summary>Options valid on every command.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Plugins { get; } = new("--plugins")
    {
        Description = "Plugins directory (one sub-folder per plugin). Default: the plugins folder next to nettoolbox, as for the web app.",
        HelpName = "dir",
        Recursive = true,
    };

    public Option<string> Server { get; } = new("--server")
    {
        Description = "Run on a NetToolbox portal at this URL (e.g. http://localhost:5080) instead of locally, over its SignalR hub.",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "Token sent to the portal as a bearer token.",
        HelpName = "token",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON event per line (the REST API's shape) instead of text.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Also print the tool's debug lines.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Plugins, Server, Token, Json, Verbose];

    /// <summary>
    /// Reads the options that decide where tools come from before the full command tree exists (the tree is built from
    /// the tools' schemas, which come from the plugins directory or the portal).
    /// </summary>
    public (string? Plugins, string? Server, string? Token, string? Command) Peek(IReadOnlyList<string> args)
    {
        var probe = new RootCommand { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in All)
        {
            probe.Options.Add(option);
        }

        var parsed = probe.Parse(args);
        var first = parsed.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
        var result = (parsed.GetValue(Plugins), parsed.GetValue(Server), parsed.GetValue(Token), first);
        foreach (var option in All)
        {
            probe.Options.Remove(option);
        }

        return result;
    }
}
