using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetToolbox.Plugins.Pinger;

/// <summary>Applies the <c>source</c> argument like <c>ping -I</c>: an address to bind to, or an interface to bind the socket to.</summary>
internal static class SocketBinding
{
    // <sys/socket.h>: SOL_SOCKET, SO_BINDTODEVICE (Linux).
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;

    /// <summary>Linux interface names are at most 15 bytes (IFNAMSIZ − 1).</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>Binds <paramref name="socket"/> as <paramref name="source"/> asks; false with a message a user understands otherwise.</summary>
    public static bool TryApply(Socket socket, string? source, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(source))
        {
            return true;
        }

        if (IPAddress.TryParse(source, out var address))
        {
            if (address.AddressFamily != socket.AddressFamily)
            {
                error = $"source {source} is {Describe(address.AddressFamily)} but the target is {Describe(socket.AddressFamily)}";
                return false;
            }

            try
            {
                socket.Bind(new IPEndPoint(address, 0));
                return true;
            }
            catch (SocketException ex)
            {
                error = $"cannot use source address {source}: {ex.Message}";
                return false;
            }
        }

        if (!OperatingSystem.IsLinux())
        {
            error = $"binding to an interface ('{source}') needs Linux (SO_BINDTODEVICE); give a source address instead";
            return false;
        }

        var name = Encoding.ASCII.GetBytes(source + '\0');
        try
        {
            socket.SetRawSocketOption(SolSocket, SoBindToDevice, name);
            return true;
        }
        catch (SocketException ex)
        {
            error = $"cannot bind to interface '{source}': {ex.Message}";
            return false;
        }
    }

    /// <summary>Null when <paramref name="source"/> is an IP address or a plausible interface name, else why not.</summary>
    public static string? Validate(string? source)
    {
        if (string.IsNullOrEmpty(source) || IPAddress.TryParse(source, out _))
        {
            return null;
        }

        if (source.Length > MaxInterfaceNameLength || source.Any(c => char.IsWhiteSpace(c) || c == '/' || c == ':' || c > 0x7E))
        {
            return $"source '{source}' is neither an IP address nor an interface name (at most {MaxInterfaceNameLength} characters, no spaces, '/' or ':')";
        }

        return null;
    }

    public static string Describe(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
