using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>
/// Runs code on a fresh thread that has joined a network namespace with setns(2). A thread's network namespace is
/// per-thread on Linux, and a netlink socket belongs to the namespace of the thread that opens it, so the reader sees
/// the namespace's interfaces. Threads inherit the namespace of the thread that creates them, and completing a task
/// can make the runtime start a thread-pool worker from the completing thread, so the thread returns to its original
/// namespace before it reports the result; otherwise pool threads (and the processes they start) would end up in the
/// test namespace.
/// </summary>
internal static partial class NamespaceThread
{
    private const int CloneNewNet = 0x40000000;

    public static Task<T> RunAsync<T>(string namespaceName, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(RunInside(namespaceName, work));
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + namespaceName,
        };
        thread.Start();
        return completion.Task;
    }

    private static T RunInside<T>(string namespaceName, Func<T> work)
    {
        using var original = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
        using (var target = File.OpenHandle("/var/run/netns/" + namespaceName, FileMode.Open, FileAccess.Read))
        {
            Join(target, namespaceName);
        }

        try
        {
            return work();
        }
        finally
        {
            Join(original, "the original namespace");
        }
    }

    private static void Join(SafeFileHandle handle, string what)
    {
        if (SetNamespace(handle, CloneNewNet) != 0)
        {
            throw new IOException($"setns({what}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(SafeFileHandle fd, int namespaceType);
}
