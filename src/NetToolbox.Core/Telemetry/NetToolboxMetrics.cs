using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;

namespace NetToolbox.Core.Telemetry;

/// <summary>
/// The engine's metrics on the meter <see cref="NetToolboxTelemetry.Name"/>: runs started, active, failed and their
/// duration by tool, plugin load failures, and the instruments tools report through <see cref="IToolMetrics"/>
/// (<c>nettoolbox.tool.&lt;id&gt;.&lt;name&gt;</c>). Every instrument is a plain counter or histogram the host owns:
/// no plugin callback is held, so a plugin's load context can still be collected.
/// </summary>
public sealed partial class NetToolboxMetrics
{
    /// <summary>Most instruments one tool may create; more is a plugin bug (a name per target or per connection).</summary>
    public const int MaxInstrumentsPerTool = 32;

    private static readonly Lazy<NetToolboxMetrics> Unregistered = new(() => new NetToolboxMetrics(new Meter(NetToolboxTelemetry.Name)));

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFailed;
    private readonly UpDownCounter<long> _runsActive;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _pluginLoadFailures;
    private readonly ConcurrentDictionary<string, Instrument> _toolInstruments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _instrumentsPerTool = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();

    /// <summary>Creates the instruments on a meter from the host's factory (so each host, and each test, has its own).</summary>
    public NetToolboxMetrics(IMeterFactory meterFactory)
        : this(CreateMeter(meterFactory))
    {
    }

    private NetToolboxMetrics(Meter meter)
    {
        Meter = meter;
        _runsStarted = meter.CreateCounter<long>("nettoolbox.runs.started", "{run}", "Runs started, by tool");
        _runsFailed = meter.CreateCounter<long>("nettoolbox.runs.failed", "{run}", "Runs that ended failed (not cancelled), by tool");
        _runsActive = meter.CreateUpDownCounter<long>("nettoolbox.runs.active", "{run}", "Runs not finished yet, by tool");
        _runDuration = meter.CreateHistogram<double>("nettoolbox.runs.duration", "s", "How long runs took, by tool and final status");
        _pluginLoadFailures = meter.CreateCounter<long>("nettoolbox.plugins.load_failures", "{plugin}", "Plugin folders that failed to load, by plugin");
    }

    /// <summary>The meter every instrument lives on.</summary>
    public Meter Meter { get; }

    /// <summary>For engine parts built without a host (direct construction): one process-wide instance.</summary>
    internal static NetToolboxMetrics Default => Unregistered.Value;

    internal void RunStarted(string toolId)
    {
        var tool = new KeyValuePair<string, object?>("tool", toolId);
        _runsStarted.Add(1, tool);
        _runsActive.Add(1, tool);
    }

    internal void RunFinished(string toolId, RunStatus status, TimeSpan duration)
    {
        var tool = new KeyValuePair<string, object?>("tool", toolId);
        _runsActive.Add(-1, tool);
        if (status == RunStatus.Failed)
        {
            _runsFailed.Add(1, tool);
        }

        _runDuration.Record(duration.TotalSeconds, tool, new KeyValuePair<string, object?>("status", StatusName(status)));
    }

    internal void PluginLoadFailed(string pluginName) =>
        _pluginLoadFailures.Add(1, new KeyValuePair<string, object?>("plugin", pluginName));

    /// <summary>The metrics facade handed to one run of <paramref name="toolId"/>; close it when the run ends.</summary>
    internal RunToolMetrics ForRun(string toolId) => new(this, toolId);

    internal static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Finds or creates a tool's instrument; throws on a bad name, a kind clash, or too many instruments.</summary>
    internal T ToolInstrument<T>(string toolId, string name, string? unit, Func<Meter, string, string?, T> create)
        where T : Instrument
    {
        if (string.IsNullOrEmpty(name) || !MetricNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"metric name '{name}' is invalid: lower-case letters, digits, '.' and '_', starting with a letter, at most 63 characters", nameof(name));
        }

        var fullName = $"nettoolbox.tool.{toolId}.{name}";
        if (!_toolInstruments.TryGetValue(fullName, out var instrument))
        {
            lock (_createGate)
            {
                if (!_toolInstruments.TryGetValue(fullName, out instrument))
                {
                    var count = _instrumentsPerTool.GetValueOrDefault(toolId);
                    if (count >= MaxInstrumentsPerTool)
                    {
                        throw new InvalidOperationException($"tool '{toolId}' already has {MaxInstrumentsPerTool} metrics; '{name}' was not created");
                    }

                    instrument = create(Meter, fullName, string.IsNullOrWhiteSpace(unit) ? null : unit);
                    _toolInstruments[fullName] = instrument;
                    _instrumentsPerTool[toolId] = count + 1;
                }
            }
        }

        return instrument as T
            ?? throw new InvalidOperationException($"metric '{name}' of tool '{toolId}' is already a {InstrumentKind(instrument)}");
    }

    private static string InstrumentKind(Instrument instrument) => instrument switch
    {
        Counter<long> => "count",
        UpDownCounter<long> => "level (Adjust)",
        Histogram<double> => "distribution (Record)",
        _ => instrument.GetType().Name,
    };

    private static Meter CreateMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(new MeterOptions(NetToolboxTelemetry.Name));
    }

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricNamePattern();
}
