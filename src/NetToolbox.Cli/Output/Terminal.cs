namespace NetToolbox.Cli.Output;

/// <summary>Whether standard output is a terminal a person watches (live tables, progress bar) or a pipe or file.</summary>
internal static class Terminal
{
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
