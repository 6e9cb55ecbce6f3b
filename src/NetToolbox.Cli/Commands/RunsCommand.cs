using System.CommandLine;
using Microsoft.AspNetCore.SignalR;
using NetToolbox.Cli.Backends;
using NetToolbox.Cli.Output;

namespace NetToolbox.Cli.Commands;

/// <summary>
/// <c>nettoolbox runs watch &lt;runId&gt; --server URL</c>: attach to a run on a portal (e.g. one started in the browser)
/// and show it like a local run, backlog first. Ctrl+C detaches (exit 130) and leaves the run going.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(Func<IRunBackend?> remote, GlobalOptions global)
    {
        var runId = new Argument<string>("runId") { Description = "The run's id, as shown in the portal's address bar or by the API." };
        var watch = new Command("watch", "Show a run on a portal (--server), backlog then live, until it ends.") { runId };
        watch.SetAction(async (parsed, _) =>
        {
            if (remote() is not { } backend)
            {
                await Console.Error.WriteLineAsync("nettoolbox: runs watch needs --server URL (local runs live only as long as their command).");
                return ExitCodes.BadArguments;
            }

            var id = parsed.GetValue(runId)!;
            try
            {
                if (await backend.GetStatusAsync(id, CancellationToken.None) is null)
                {
                    await Console.Error.WriteLineAsync($"nettoolbox: no run has the id '{id}'");
                    return ExitCodes.BadArguments;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or HubException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"nettoolbox: could not reach the portal: {ex.Message}");
                return ExitCodes.Failed;
            }

            var view = EventViews.Create(parsed.GetValue(global.Json), parsed.GetValue(global.Verbose));
            return await new RunFollower(backend, view, Console.Error).FollowAsync(id, cancelOnInterrupt: false);
        });

        return new Command("runs", "Runs on a portal.") { watch };
    }
}
