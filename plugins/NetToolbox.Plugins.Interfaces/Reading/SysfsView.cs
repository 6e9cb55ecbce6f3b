namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>
/// /sys/class/net, used only for what netlink does not say (whether an ethernet-type link is wireless).
/// sysfs shows the network namespace it was mounted in, not the calling thread's, so it is consulted only
/// when the reading thread is in the process's own namespace (a thread that called setns(2) is not).
/// </summary>
internal static class SysfsView
{
    private const string Root = "/sys/class/net/";

    /// <summary>True when sysfs describes the current thread's network namespace.</summary>
    public static bool DescribesCurrentThread()
    {
        var thread = NamespaceOf("/proc/thread-self/ns/net");
        return thread is not null && thread == NamespaceOf("/proc/self/ns/net");
    }

    /// <summary>True when the link has a wireless extension or a cfg80211 phy; false when absent or it vanished.</summary>
    public static bool IsWireless(string name) =>
        Directory.Exists(Root + name + "/wireless") || Directory.Exists(Root + name + "/phy80211");

    private static string? NamespaceOf(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
