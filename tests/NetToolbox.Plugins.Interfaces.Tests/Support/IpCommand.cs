using System.Diagnostics;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>Runs iproute2's <c>ip</c> (the reference the tools are compared with, and the way tests build namespaces).</summary>
internal static class IpCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <c>ip args…</c> and returns its standard output; throws with stderr when it fails.</summary>
    public static string Run(params string[] arguments) => Exec("ip", arguments);

    /// <summary>Runs any program (used for <c>ip netns exec … cat</c>) and returns its standard output.</summary>
    public static string Exec(string program, IEnumerable<string> arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout}");
        }

        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        }

        return output.GetAwaiter().GetResult();
    }
}
