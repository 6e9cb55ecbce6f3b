using System.CommandLine;
using System.Text.Json;
using NetToolbox.Cli.Backends;
using NetToolbox.Cli.Output;
using Spectre.Console;

namespace NetToolbox.Cli.Commands;

/// <summary><c>nettoolbox list</c>: the tools with their descriptions (<c>--json</c>: the descriptors, as <c>GET /api/tools</c>).</summary>
internal static class ListCommand
{
    public static Command Create(Func<IRunBackend> backend, GlobalOptions global)
    {
        var command = new Command("list", "List the tools, with their descriptions.");
        command.SetAction(parsed => Run(backend(), parsed.GetValue(global.Json)));
        return command;
    }

    private static int Run(IRunBackend backend, bool json)
    {
        foreach (var error in backend.PluginErrors)
        {
            Console.Error.WriteLine("warning: " + error);
        }

        var tools = backend.Tools;
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(tools, EventJson.Options));
            return ExitCodes.Succeeded;
        }

        var aliases = OptionNames.ToolAliases.ToLookup(a => a.Value, a => a.Key);
        var rows = tools.Select(t => new[]
        {
            aliases[t.Id].Any() ? $"{t.Id} ({string.Join(", ", aliases[t.Id])})" : t.Id,
            t.Category,
            t.Description,
        }).ToList();
        string[] columns = ["TOOL", "CATEGORY", "DESCRIPTION"];
        if (Terminal.IsInteractive)
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in columns)
            {
                table.AddColumn(column);
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
        }
        else
        {
            PlainTable.Write(Console.Out, columns, rows);
        }

        if (tools.Count == 0)
        {
            Console.Error.WriteLine("No tools found. Give a plugins directory with --plugins DIR, or a portal with --server URL.");
        }

        return ExitCodes.Succeeded;
    }
}
