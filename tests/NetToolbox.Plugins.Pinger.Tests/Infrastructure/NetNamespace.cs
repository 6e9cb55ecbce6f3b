using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetToolbox.Plugins.Pinger.Tests.Infrastructure;

/// <summary>
/// A network namespace created for one test and deleted on dispose. A dedicated thread joins it with
/// setns(2), so sockets created through <see cref="CreateSocket"/> live in the namespace (a socket keeps its
/// namespace whichever thread uses it later) — the pinger under test then probes inside it, never on the host.
/// </summary>
internal sealed partial class NetNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    private NetNamespace(string name)
    {
        Name = name;
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Serve(joined)) { IsBackground = true, Name = "netns " + name };
        _thread.Start();
        joined.Task.Wait(TimeSpan.FromSeconds(10));
    }

    public string Name { get; }

    /// <summary>Creates a namespace named <paramref name="prefix"/>-random with its loopback up.</summary>
    public static NetNamespace Create(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        Ip("netns", "add", name);
        try
        {
            Ip("-n", name, "link", "set", "lo", "up");
            return new NetNamespace(name);
        }
        catch
        {
            Ip("netns", "delete", name);
            throw;
        }
    }

    /// <summary>Runs <c>ip -n NAME args</c>.</summary>
    public void IpIn(params string[] args) => Ip(["-n", Name, .. args]);

    /// <summary>Sets a sysctl inside the namespace (<c>ip netns exec NAME sysctl -w key=value</c>).</summary>
    public void Sysctl(string key, string value) => Ip("netns", "exec", Name, "sysctl", "-q", "-w", $"{key}={value}");

    /// <summary>Opens a socket inside the namespace.</summary>
    public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol) => Run(() => new Socket(family, type, protocol));

    /// <summary>Runs <paramref name="action"/> on the thread that is inside the namespace.</summary>
    public T Run<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    /// <summary>Runs the <c>ip</c> command; throws with its stderr when it fails.</summary>
    public static void Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ip");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            throw new TimeoutException("ip " + string.Join(' ', args) + " did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
        try
        {
            Ip("netns", "delete", Name);
        }
        catch (InvalidOperationException)
        {
            // Already gone; nothing left to clean.
        }
    }

    private void Serve(TaskCompletionSource joined)
    {
        try
        {
            using var handle = File.OpenHandle($"/run/netns/{Name}");
            if (SetNs(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
            {
                throw new InvalidOperationException($"setns({Name}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            joined.SetResult();
        }
        catch (Exception ex)
        {
            joined.SetException(ex);
            return;
        }

        foreach (var action in _work.GetConsumingEnumerable())
        {
            action();
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
