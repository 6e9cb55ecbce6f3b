using System.Net.Sockets;

namespace NetToolbox.Plugins.Waiter;

/// <summary>Maps socket errors to probe outcomes, so expected network failures become values.</summary>
internal static class ProbeClassifier
{
    /// <summary>Classifies a failed connect or resolve. <paramref name="unix"/> says the target is a Unix socket path.</summary>
    public static ProbeResult FromSocketError(SocketException exception, bool unix)
    {
        var outcome = exception.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => ProbeOutcome.Refused,
            SocketError.TimedOut => ProbeOutcome.TimedOut,
            SocketError.NetworkUnreachable or SocketError.HostUnreachable
                or SocketError.NetworkDown or SocketError.HostDown => ProbeOutcome.Unreachable,
            SocketError.HostNotFound or SocketError.TryAgain
                or SocketError.NoData or SocketError.NoRecovery => ProbeOutcome.DnsFailure,

            // connect(2) on a Unix socket path that does not exist fails with ENOENT, which .NET reports as this.
            SocketError.AddressNotAvailable when unix => ProbeOutcome.NotFound,
            _ => ProbeOutcome.Error,
        };
        return new ProbeResult(outcome, exception.Message);
    }

    /// <summary>The result for an attempt that ran out of time.</summary>
    public static ProbeResult TimedOut(TimeSpan after) =>
        new(ProbeOutcome.TimedOut, FormattableString.Invariant($"no answer within {after.TotalMilliseconds:0} ms"));
}
