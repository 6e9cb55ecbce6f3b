namespace NetToolbox.Plugins.Waiter;

/// <summary>How one probe attempt ended. Everything except <see cref="Ready"/> is an expected failure.</summary>
internal enum ProbeOutcome
{
    /// <summary>The target accepted the connection (and, for HTTP, answered with an expected status).</summary>
    Ready,

    /// <summary>Nothing listens: the peer answered the SYN with a reset (ECONNREFUSED), or a Unix socket has no listener.</summary>
    Refused,

    /// <summary>No answer within the attempt timeout.</summary>
    TimedOut,

    /// <summary>No route to the network or host (ENETUNREACH, EHOSTUNREACH, ICMP unreachable).</summary>
    Unreachable,

    /// <summary>The host name did not resolve (NXDOMAIN, no records, resolver failure). Retried: DNS may be coming back too.</summary>
    DnsFailure,

    /// <summary>The HTTP server answered, but not with an expected status.</summary>
    StatusMismatch,

    /// <summary>The Unix socket path does not exist.</summary>
    NotFound,

    /// <summary>The host's destination policy forbids connecting. Not retried.</summary>
    Denied,

    /// <summary>Any other failure (reset during the HTTP exchange, TLS failure, ...).</summary>
    Error,
}

/// <summary>The outcome of one probe attempt: a value, not an exception.</summary>
/// <param name="Outcome">The classified outcome.</param>
/// <param name="Detail">What happened, in words (the OS message, the status code), or empty.</param>
internal readonly record struct ProbeResult(ProbeOutcome Outcome, string Detail)
{
    /// <summary>A successful probe.</summary>
    public static ProbeResult Ready(string detail) => new(ProbeOutcome.Ready, detail);

    /// <summary>True when the target was ready.</summary>
    public bool IsReady => Outcome == ProbeOutcome.Ready;

    /// <summary>Short reason label shown in rows, logs and result data.</summary>
    public string Reason => Outcome switch
    {
        ProbeOutcome.Ready => "ready",
        ProbeOutcome.Refused => "refused",
        ProbeOutcome.TimedOut => "timed out",
        ProbeOutcome.Unreachable => "no route",
        ProbeOutcome.DnsFailure => "DNS failure",
        ProbeOutcome.StatusMismatch => "HTTP status mismatch",
        ProbeOutcome.NotFound => "not found",
        ProbeOutcome.Denied => "denied",
        _ => "error",
    };

    /// <summary>Reason and detail in one line, e.g. <c>refused (Connection refused)</c>.</summary>
    public override string ToString() => Detail.Length == 0 ? Reason : $"{Reason} ({Detail})";
}
