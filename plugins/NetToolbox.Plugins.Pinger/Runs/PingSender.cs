using System.Net;
using System.Threading.Channels;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>
/// Sends a host's probes on schedule and posts each outcome as it arrives. Completes the channel once every
/// probe has its outcome, or as soon as it is stopped (probes still waiting then are dropped, not counted).
/// </summary>
internal sealed class PingSender(IProber prober, IPAddress address, PingSettings settings, TimeProvider time)
{
    private long _sent;

    /// <summary>Probes sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public async Task RunAsync(ChannelWriter<object> writer, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        try
        {
            for (long sequence = 1; settings.Count == 0 || sequence <= settings.Count; sequence++)
            {
                if (sequence > 1)
                {
                    await Task.Delay(settings.Interval, time, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _sent);
                inFlight.RemoveAll(task => task.IsCompleted);
                inFlight.Add(ProbeAsync(sequence, writer, cancellationToken));
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ProbeAsync(long sequence, ChannelWriter<object> writer, CancellationToken cancellationToken)
    {
        try
        {
            // Printed sequence numbers count on past 65535; the ICMP field wraps (as iputils does).
            var outcome = await prober.ProbeAsync(address, (int)Math.Min(sequence, int.MaxValue), cancellationToken).ConfigureAwait(false);
            writer.TryWrite(outcome);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
