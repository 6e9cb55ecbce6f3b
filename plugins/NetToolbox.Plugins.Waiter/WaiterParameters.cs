using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>The waiter's parameter schema: names, defaults and bounds in one place.</summary>
internal static class WaiterParameters
{
    public const string Targets = "targets";
    public const string Mode = "mode";
    public const string Timeout = "timeout";
    public const string Interval = "interval";
    public const string AttemptTimeout = "attemptTimeout";
    public const string ExpectStatus = "expectStatus";
    public const string Invert = "invert";
    public const string Backoff = "backoff";
    public const string MaxInterval = "maxInterval";
    public const string InsecureTls = "insecureTls";

    public const string ModeAll = "all";
    public const string ModeSequential = "sequential";

    /// <summary>Overall time limit when none is given: long enough for a container to start, short enough for CI.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Pause between attempts: wait-for-it and wait4x poll about once a second; 250 ms notices a port sooner at negligible cost.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Limit of one attempt: a loopback or LAN connect answers in well under a millisecond, a WAN one in a few hundred.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the doubling interval with <see cref="Backoff"/> (wait4x's exponential backoff default is 5 s too).</summary>
    public static readonly TimeSpan DefaultMaxInterval = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<ParameterSpec> All { get; } =
    [
        new()
        {
            Name = Targets, Label = "Targets", Kind = ParameterKind.Text, Required = true, Min = 1, Max = 8000,
            Help = "Comma or space separated: host:port, [IPv6]:port, unix:/path/to.sock, http(s)://host/path. " +
                   "Example: db:5432, [::1]:6379, http://127.0.0.1:8080/healthz",
        },
        new()
        {
            Name = Mode, Label = "Mode", Kind = ParameterKind.Choice, Default = ModeAll, Choices = [ModeAll, ModeSequential],
            Help = "all: check every target at once, done when all are ready. sequential: one after another, in the order given.",
        },
        new()
        {
            Name = Timeout, Label = "Timeout", Kind = ParameterKind.Duration, Default = "30s", Min = 0.01, Max = 86400,
            Help = "Give up when the targets are not ready after this long.",
        },
        new()
        {
            Name = Interval, Label = "Retry interval", Kind = ParameterKind.Duration, Default = "250ms", Min = 0.01, Max = 3600,
            Help = "Pause between attempts on one target.",
        },
        new()
        {
            Name = AttemptTimeout, Label = "Attempt timeout", Kind = ParameterKind.Duration, Default = "1s", Min = 0.01, Max = 600,
            Help = "Limit of one attempt (TCP or Unix connect; HTTP connect and response headers). Never longer than the time left.",
        },
        new()
        {
            Name = ExpectStatus, Label = "Expected HTTP status", Kind = ParameterKind.Text, Default = "2xx", Max = 200,
            Help = "For URL targets: codes, classes or ranges, e.g. 200, 2xx, 200-399, 200,204. Redirects are not followed.",
        },
        new()
        {
            Name = Invert, Label = "Wait until down", Kind = ParameterKind.Boolean, Default = "false",
            Help = "Invert the check: wait until the targets stop accepting (a service has shut down).",
        },
        new()
        {
            Name = Backoff, Label = "Exponential backoff", Kind = ParameterKind.Boolean, Default = "false",
            Help = "Double the pause after each failed attempt, up to the maximum interval.",
        },
        new()
        {
            Name = MaxInterval, Label = "Maximum interval", Kind = ParameterKind.Duration, Default = "5s", Min = 0.01, Max = 3600,
            Help = "Cap of the pause when backoff is on.",
        },
        new()
        {
            Name = InsecureTls, Label = "Skip TLS verification", Kind = ParameterKind.Boolean, Default = "false",
            Help = "For https:// targets: accept any server certificate (self-signed development services).",
        },
    ];
}
