using System.CommandLine;
using System.CommandLine.Invocation;
using NetToolbox.Cli.Backends;

namespace NetToolbox.Cli.Commands;

/// <summary>
/// Builds the command tree — <c>list</c>, one command per tool (from the schemas of the local plugins or the portal's
/// tools), <c>runs watch</c> — parses, and runs. Parse errors and invalid values exit with 2, on standard error.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var global = new GlobalOptions();
        var (plugins, serverText, token, first) = global.Peek(args);
        Uri? server = null;
        if (serverText is not null
            && (!Uri.TryCreate(serverText, UriKind.Absolute, out server) || server.Scheme is not ("http" or "https")))
        {
            await Console.Error.WriteLineAsync($"nettoolbox: --server takes the portal's http(s) URL, e.g. http://localhost:5080 (got '{serverText}')");
            return ExitCodes.BadArguments;
        }

        var needsTools = first != "runs";
        IRunBackend? backend;
        try
        {
            backend = server is not null
                ? await RemoteBackend.ConnectAsync(server, token, needsTools, CancellationToken.None)
                : needsTools ? LocalBackend.Load(plugins) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"nettoolbox: could not reach the portal at {server}: {ex.Message}");
            return ExitCodes.Failed;
        }

        try
        {
            var root = Build(global, backend, server is not null);
            var parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction)
            {
                foreach (var error in parsed.Errors)
                {
                    await Console.Error.WriteLineAsync("nettoolbox: " + error.Message);
                }

                if (backend is { Tools.Count: 0 } && needsTools)
                {
                    await Console.Error.WriteLineAsync(backend is LocalBackend local
                        ? $"No tools were found in {local.Directory}; give another plugins directory with --plugins DIR."
                        : "The portal offers no tools.");
                }

                await Console.Error.WriteLineAsync($"Run 'nettoolbox {(parsed.CommandResult.Command is RootCommand ? string.Empty : parsed.CommandResult.Command.Name + " ")}--help' for usage.");
                return ExitCodes.BadArguments;
            }

            // Ctrl+C is handled by the run itself (cancel the tool, then exit 130), not by System.CommandLine.
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        }
        finally
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
        }
    }

    private static RootCommand Build(GlobalOptions global, IRunBackend? backend, bool remote)
    {
        var root = new RootCommand("NetToolbox from the terminal: the toolbox's plugins, run locally or on a NetToolbox portal (--server).");
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }

        IRunBackend Backend() => backend ?? throw new InvalidOperationException("No tools are available for this command.");
        root.Subcommands.Add(ListCommand.Create(Backend, global));
        var tools = backend?.Tools ?? [];
        var ids = tools.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var tool in tools.Where(t => t.Id is not ("list" or "runs")))
        {
            root.Subcommands.Add(ToolCommands.Create(tool, ids, Backend, global));
        }

        root.Subcommands.Add(RunsCommand.Create(() => remote ? backend : null, global));
        return root;
    }
}
