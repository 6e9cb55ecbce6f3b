using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>
/// Sweeps a CIDR range: one probe per address, up to <c>concurrency</c> in flight, so a /24 takes about one
/// timeout. Each address gets a table row keyed by the address (up or down, RTT); the result counts both.
/// </summary>
internal sealed class SweepRun(PingSettings settings, IToolContext context, ISocketFactory sockets)
{
    public const string HostsTable = "hosts";

    private static readonly string[] Columns = ["address", "status", "rttMs", "ttl", "detail"];

    private readonly IPNetwork _range = settings.Range!.Value;

    public async IAsyncEnumerable<ToolEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hostCount = SweepRange.CountHosts(_range);
        if (hostCount > PingerDescriptor.MaxSweepAddresses)
        {
            yield return Fail(string.Create(CultureInfo.InvariantCulture,
                $"range {_range} has {hostCount} addresses; a sweep covers at most {PingerDescriptor.MaxSweepAddresses} (a /16 of IPv4 or a /112 of IPv6)"));
            yield break;
        }

        var addresses = SweepRange.Enumerate(_range).ToList();
        foreach (var address in addresses)
        {
            var decision = context.Destinations.CheckConnect(new IPEndPoint(address, settings.TcpMode ? settings.Port : 0));
            if (!decision.Allowed)
            {
                yield return Fail($"sweep {_range}: {address} is not allowed: {decision.Reason}");
                yield break;
            }
        }

        using var prober = ProberFactory.TryOpen(settings, _range.BaseAddress.AddressFamily, sockets, context.Time, context.Logger, out var openError);
        if (prober is null)
        {
            yield return Fail("sweep: " + openError);
            yield break;
        }

        PingerLog.SweepStarted(context.Logger, context.RunId, _range, addresses.Count, prober.Kind);
        var what = settings.TcpMode ? $"TCP port {settings.Port}" : "ICMP echo";
        yield return new LogEvent(LogEventLevel.Info, string.Create(CultureInfo.InvariantCulture,
            $"SWEEP {_range}: {addresses.Count} addresses, {what}, up to {settings.Concurrency} at a time, timeout {PingText.Duration(settings.Timeout)}, {prober.Kind}."));

        var outcomes = Channel.CreateUnbounded<ProbeOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var started = context.Time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendAllAsync(prober, addresses, outcomes.Writer, stop.Token);
        var up = new List<string>();
        var done = 0;
        var progressStep = Math.Max(1, addresses.Count / 100);
        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                done++;
                if (outcome.HostAnswered)
                {
                    up.Add(outcome.Target.ToString());
                    yield return new LogEvent(LogEventLevel.Info, string.Create(CultureInfo.InvariantCulture,
                        $"{outcome.Target} is alive ({PingText.Rtt(outcome.ElapsedMs)} ms{(outcome.Status == ProbeStatus.Refused ? ", port closed" : string.Empty)})"));
                }

                yield return Row(outcome);
                if (done % progressStep == 0 || done == addresses.Count)
                {
                    yield return new ProgressEvent((double)done / addresses.Count, string.Create(CultureInfo.InvariantCulture, $"{done}/{addresses.Count} probed, {up.Count} up"));
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }

        var elapsed = context.Time.GetElapsedTime(started);
        var down = done - up.Count;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{_range}: {addresses.Count} addresses, {up.Count} up, {down} down{(done < addresses.Count ? $", {addresses.Count - done} not probed (stopped)" : string.Empty)}, in {elapsed.TotalSeconds:0.###} s");
        yield return new LogEvent(LogEventLevel.Info, summary);
        yield return new ResultEvent(true, summary, new JsonObject
        {
            ["range"] = _range.ToString(),
            ["mode"] = settings.TcpMode ? "tcp" : "icmp",
            ["port"] = settings.TcpMode ? settings.Port : null,
            ["addresses"] = addresses.Count,
            ["probed"] = done,
            ["up"] = up.Count,
            ["down"] = down,
            ["upAddresses"] = new JsonArray([.. up.Select(a => (JsonNode?)a)]),
            ["timeMs"] = Math.Round(elapsed.TotalMilliseconds),
        });
    }

    private async Task SendAllAsync(IProber prober, List<IPAddress> addresses, ChannelWriter<ProbeOutcome> writer, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(settings.Concurrency);
        var inFlight = new List<Task>(addresses.Count);
        try
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                inFlight.Add(ProbeAsync(prober, addresses[i], i + 1, slots, writer, cancellationToken));
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the probes still waiting end on the same token; wait so none touches the disposed semaphore.
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static async Task ProbeAsync(IProber prober, IPAddress address, int sequence, SemaphoreSlim slots, ChannelWriter<ProbeOutcome> writer, CancellationToken cancellationToken)
    {
        try
        {
            writer.TryWrite(await prober.ProbeAsync(address, sequence, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    private static RowEvent Row(ProbeOutcome outcome)
    {
        var address = outcome.Target.ToString();
        var detail = outcome.Status switch
        {
            ProbeStatus.Reply => outcome.Detail,
            ProbeStatus.Refused => "port closed (host answered)",
            ProbeStatus.Timeout => "no answer",
            _ => outcome.From is null ? outcome.Detail : $"{outcome.Detail} (from {outcome.From})",
        };
        return new RowEvent(
            Columns,
            [address, outcome.HostAnswered ? "up" : "down", outcome.HostAnswered ? PingEvents.Round(outcome.ElapsedMs) : null, outcome.Ttl, detail],
            Key: address,
            Table: HostsTable);
    }

    private ResultEvent Fail(string message)
    {
        PingerLog.CannotStart(context.Logger, context.RunId, message);
        return new ResultEvent(false, message, new JsonObject { ["range"] = _range.ToString(), ["error"] = message });
    }
}
