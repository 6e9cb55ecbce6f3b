using System.CommandLine;
using NetToolbox.Cli.Backends;
using NetToolbox.Cli.Output;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Commands;

/// <summary>
/// One command per tool, its options generated from the tool's parameter schema, so a third-party plugin gets a full
/// command line (and <c>--help</c>) for free. Values go to the host's <c>ArgumentBinder</c> as text, which validates them
/// exactly as for the web form and REST API.
/// </summary>
internal static class ToolCommands
{
    public static Command Create(ToolDescriptor tool, IReadOnlySet<string> toolIds, Func<IRunBackend> backend, GlobalOptions global)
    {
        var command = new Command(tool.Id, Describe(tool));
        foreach (var (alias, target) in OptionNames.ToolAliases)
        {
            if (target == tool.Id && !toolIds.Contains(alias))
            {
                command.Aliases.Add(alias);
            }
        }

        var options = new List<(ParameterSpec Parameter, Option Option)>();
        foreach (var parameter in tool.Parameters)
        {
            Option option = parameter.Kind == ParameterKind.Boolean
                ? new Option<bool>(OptionNames.Option(parameter.Name)) { Arity = ArgumentArity.ZeroOrOne }
                : new Option<string>(OptionNames.Option(parameter.Name));
            option.Description = ParameterHelp.Describe(parameter);
            option.HelpName = ParameterHelp.ValueName(parameter);
            command.Options.Add(option);
            options.Add((parameter, option));
        }

        command.SetAction(async (parsed, _) =>
        {
            var arguments = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (parameter, option) in options)
            {
                if (parsed.GetResult(option) is null)
                {
                    continue; // Not given: the schema's default applies.
                }

                arguments[parameter.Name] = option switch
                {
                    Option<bool> flag => parsed.GetValue(flag) ? "true" : "false",
                    Option<string> text => parsed.GetValue(text),
                    _ => null,
                };
            }

            return await RunAsync(backend(), tool.Id, arguments, parsed.GetValue(global.Json), parsed.GetValue(global.Verbose));
        });
        return command;
    }

    private static async Task<int> RunAsync(IRunBackend backend, string toolId, Dictionary<string, string?> arguments, bool json, bool verbose)
    {
        StartOutcome start;
        try
        {
            start = await backend.StartAsync(toolId, arguments, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"nettoolbox: could not start {toolId}: {ex.Message}");
            return ExitCodes.Failed;
        }

        if (start.RunId is null)
        {
            await Console.Error.WriteLineAsync($"nettoolbox: {start.Error}");
            foreach (var (name, messages) in start.Errors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    await Console.Error.WriteLineAsync($"  {OptionNames.Option(name)}: {message}");
                }
            }

            return start.Errors is { Count: > 0 } ? ExitCodes.BadArguments : ExitCodes.Failed;
        }

        if (backend is RemoteBackend remote)
        {
            // On standard error so --json output stays pure; the id is what `runs watch` and the portal's run page take.
            await Console.Error.WriteLineAsync($"nettoolbox: run {start.RunId} on {remote.Server}");
        }

        var follower = new RunFollower(backend, EventViews.Create(json, verbose), Console.Error);
        return await follower.FollowAsync(start.RunId, cancelOnInterrupt: true);
    }

    private static string Describe(ToolDescriptor tool) =>
        tool.Privileged ? $"{tool.Description} (Privileged: raw sockets need root or CAP_NET_RAW; on a portal, an operator power.)" : tool.Description;
}
