using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace NetToolbox.Cli.Tests;

/// <summary>
/// The real nettoolbox command as a child process (<c>dotnet nettoolbox.dll ...</c>), standard output and error
/// captured line by line. Every wait is bounded; <see cref="Dispose"/> kills the process tree if it still runs.
/// </summary>
public sealed class CliProcess : IDisposable
{
    /// <summary>Generous: the first start of a .NET process on this loaded 2-core machine can take seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data, _outputClosed);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data, _errorClosed);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Path of nettoolbox.dll in the command's own build output (its plugins/ folder is next to it).</summary>
    public static string CliPath { get; } = typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NetToolboxCli").Value!;

    public int Id => _process.Id;

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToList();
            }
        }
    }

    public string Stdout => string.Join('\n', StdoutLines);

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>Standard output parsed as JSON lines (each must parse).</summary>
    public IReadOnlyList<JsonElement> JsonLines => StdoutLines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end (bounded) and returns the finished process.</summary>
    public static async Task<CliProcess> RunAsync(params string[] args)
    {
        var cli = new CliProcess(args);
        try
        {
            await cli.WaitForExitAsync(DefaultTimeout);
            return cli;
        }
        catch
        {
            cli.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the exit and for both output streams to be read to their end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"nettoolbox did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until a line of standard output matches; returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        string? found = null;
        await Testing.Eventually.TrueAsync(
            () =>
            {
                found = StdoutLines.FirstOrDefault(match);
                return found is not null || _process.HasExited;
            },
            timeout,
            what);
        return found ?? throw new InvalidOperationException($"nettoolbox exited before printing {what}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Collect(List<string> lines, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_gate)
        {
            lines.Add(line);
        }
    }
}
