using System.Net;
using System.Text.Json;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;

namespace NetToolbox.Core.Tests.Validation;

public sealed class ArgumentBinderTests
{
    private static ToolDescriptor Tool(params ParameterSpec[] parameters) => new()
    {
        Id = "probe",
        Name = "Probe",
        Description = "binder test tool",
        Parameters = parameters,
    };

    private static ParameterSpec Spec(string name, ParameterKind kind, double? min = null, double? max = null, string? @default = null, bool required = false, IReadOnlyList<string>? choices = null) =>
        new() { Name = name, Label = name, Kind = kind, Min = min, Max = max, Default = @default, Required = required, Choices = choices };

    private static object BindOne(ParameterSpec spec, string text)
    {
        var result = ArgumentBinder.Bind(Tool(spec), new Dictionary<string, string?> { [spec.Name] = text });
        Assert.True(result.IsValid, $"'{text}' should bind: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
        return result.Input!.Values[spec.Name];
    }

    private static string BindError(ParameterSpec spec, string text)
    {
        var result = ArgumentBinder.Bind(Tool(spec), new Dictionary<string, string?> { [spec.Name] = text });
        Assert.False(result.IsValid, $"'{text}' should be refused");
        Assert.Null(result.Input);
        var messages = Assert.Contains(spec.Name, result.Errors);
        return Assert.Single(messages);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("localhost", "localhost")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("[2001:db8::5]", "2001:db8::5")]
    [InlineData("fe80::1%eth0", "fe80::1%eth0")]
    [InlineData("  example.com  ", "example.com")]
    public void Bind_ValidHost_YieldsHostText(string text, string expected)
    {
        Assert.Equal(expected, BindOne(Spec("host", ParameterKind.Host), text));
    }

    [Theory]
    [InlineData("bad host")]
    [InlineData("exa$mple.com")]
    [InlineData("[::1")]
    [InlineData("a..b")]
    public void Bind_InvalidHost_NamesTheText(string text)
    {
        var error = BindError(Spec("host", ParameterKind.Host), text);
        Assert.Contains(text.Trim(), error, StringComparison.Ordinal);
        Assert.Contains("not a valid host", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("80", 80)]
    [InlineData("65535", 65535)]
    public void Bind_PortInRange_YieldsInt(string text, int expected)
    {
        var value = BindOne(Spec("port", ParameterKind.Port), text);
        Assert.IsType<int>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("65536", "between 0 and 65535")]
    [InlineData("-1", "between 0 and 65535")]
    [InlineData("http", "not a port number")]
    [InlineData("80.5", "not a port number")]
    public void Bind_PortOutOfRangeOrNotNumber_IsRefused(string text, string expected)
    {
        Assert.Contains(expected, BindError(Spec("port", ParameterKind.Port), text), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_PortBelowSchemaMin_UsesSchemaBound()
    {
        Assert.Equal("must be between 1 and 65535", BindError(Spec("port", ParameterKind.Port, min: 1), "0"));
    }

    [Theory]
    [InlineData("1", 1L)]
    [InlineData("10", 10L)]
    [InlineData("+7", 7L)]
    public void Bind_IntegerWithinMinMax_YieldsLong(string text, long expected)
    {
        var value = BindOne(Spec("count", ParameterKind.Integer, min: 1, max: 10), text);
        Assert.IsType<long>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("0", "must be between 1 and 10")]
    [InlineData("11", "must be between 1 and 10")]
    [InlineData("1.5", "'1.5' is not a whole number")]
    [InlineData("ten", "'ten' is not a whole number")]
    [InlineData("99999999999999999999", "is not a whole number")]
    public void Bind_IntegerOutsideBoundsOrNotWhole_IsRefused(string text, string expected)
    {
        Assert.Contains(expected, BindError(Spec("count", ParameterKind.Integer, min: 1, max: 10), text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PT0.25S", 250)]
    [InlineData("PT1M30S", 90_000)]
    [InlineData("00:00:05", 5_000)]
    [InlineData("01:02:03", 3_723_000)]
    [InlineData("00:00:00.5", 500)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("3", 3_000)]
    [InlineData("0.25", 250)]
    public void Bind_DurationForms_YieldTimeSpan(string text, double expectedMs)
    {
        var value = BindOne(Spec("timeout", ParameterKind.Duration), text);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Assert.IsType<TimeSpan>(value));
    }

    [Fact]
    public void Bind_DurationBelowMin_NamesTheMinimum()
    {
        Assert.Equal("must be at least 100 ms", BindError(Spec("timeout", ParameterKind.Duration, min: 0.1), "50ms"));
    }

    [Fact]
    public void Bind_DurationAboveMax_NamesTheMaximum()
    {
        Assert.Equal("must be at most 10 s", BindError(Spec("timeout", ParameterKind.Duration, max: 10), "PT11S"));
    }

    [Theory]
    [InlineData("-5s")]
    [InlineData("-PT1S")]
    public void Bind_NegativeDuration_IsRefusedByDefaultMinimumZero(string text)
    {
        Assert.Equal("must be at least 0 ms", BindError(Spec("timeout", ParameterKind.Duration), text));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    [InlineData("PT")]
    [InlineData("1:2:3:4:5")]
    [InlineData("1e300s")]
    [InlineData("1e15")]
    [InlineData("99999999:00:00")]
    public void Bind_NotADuration_IsRefusedWithExamples(string text)
    {
        var error = BindError(Spec("timeout", ParameterKind.Duration), text);
        Assert.Contains("is not a duration", error, StringComparison.Ordinal);
        Assert.Contains("PT0.25S", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("No", false)]
    [InlineData("off", false)]
    public void Bind_BooleanForms_YieldBool(string text, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<bool>(BindOne(Spec("flag", ParameterKind.Boolean), text)));
    }

    [Fact]
    public void Bind_NotABoolean_IsRefused()
    {
        Assert.Equal("'maybe' is not true or false", BindError(Spec("flag", ParameterKind.Boolean), "maybe"));
    }

    [Fact]
    public void Bind_ChoiceDifferentCase_YieldsCanonicalChoice()
    {
        Assert.Equal("tcp", BindOne(Spec("protocol", ParameterKind.Choice, choices: ["tcp", "udp"]), "TCP"));
    }

    [Fact]
    public void Bind_ChoiceNotListed_NamesTheChoices()
    {
        Assert.Equal("'sctp' is not one of: tcp, udp", BindError(Spec("protocol", ParameterKind.Choice, choices: ["tcp", "udp"]), "sctp"));
    }

    [Theory]
    [InlineData("192.0.2.0/24")]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.0.2.7/32")]
    [InlineData("2001:db8::/32")]
    [InlineData("::1/128")]
    public void Bind_Cidr_YieldsIPNetwork(string text)
    {
        var network = Assert.IsType<IPNetwork>(BindOne(Spec("network", ParameterKind.Cidr), text));
        Assert.Equal(IPNetwork.Parse(text), network);
        Assert.Equal(text, network.ToString());
    }

    [Theory]
    [InlineData("192.0.2.1/24", "192.0.2.0/24")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/64", "2001:db8::/64")]
    public void Bind_CidrWithHostBitsSet_SuggestsTheNetwork(string text, string suggested)
    {
        Assert.Equal($"'{text}' has host bits set; did you mean {suggested}?", BindError(Spec("network", ParameterKind.Cidr), text));
    }

    [Theory]
    [InlineData("192.0.2.0")]
    [InlineData("192.0.2.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("net/24")]
    public void Bind_NotACidr_IsRefusedWithExample(string text)
    {
        Assert.Contains("is not a network in CIDR notation", BindError(Spec("network", ParameterKind.Cidr), text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com:80", "example.com", 80)]
    [InlineData("192.0.2.1:8080", "192.0.2.1", 8080)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("[fe80::1%eth0]:22", "fe80::1%eth0", 22)]
    public void Bind_HostEndpoint_YieldsHostAndPort(string text, string host, int port)
    {
        var endpoint = Assert.IsType<NetworkEndpoint>(BindOne(Spec("target", ParameterKind.Endpoint), text));
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.False(endpoint.IsUnix);
    }

    [Fact]
    public void Bind_UnixEndpoint_YieldsPath()
    {
        var endpoint = Assert.IsType<NetworkEndpoint>(BindOne(Spec("target", ParameterKind.Endpoint), "unix:/run/app.sock"));
        Assert.True(endpoint.IsUnix);
        Assert.Equal("/run/app.sock", endpoint.UnixPath);
    }

    [Theory]
    [InlineData("example.com", "has no port")]
    [InlineData("::1:80", "IPv6 addresses need brackets")]
    [InlineData("example.com:99999", "is not a port")]
    [InlineData("unix:", "needs a socket path")]
    public void Bind_BadEndpoint_SaysWhy(string text, string expected)
    {
        Assert.Contains(expected, BindError(Spec("target", ParameterKind.Endpoint), text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab", "must be at least 3 characters")]
    [InlineData("abcdef", "must be at most 5 characters")]
    public void Bind_TextLengthOutsideBounds_IsRefused(string text, string expected)
    {
        Assert.Equal(expected, BindError(Spec("name", ParameterKind.Text, min: 3, max: 5), text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Bind_RequiredMissing_ReportsRequired(string? text)
    {
        var result = ArgumentBinder.Bind(Tool(Spec("host", ParameterKind.Host, required: true)), new Dictionary<string, string?> { ["host"] = text });
        Assert.False(result.IsValid);
        Assert.Equal(["is required"], result.Errors["host"]);
    }

    [Fact]
    public void Bind_NoArgumentsAtAll_AppliesDefaultsAndLeavesOptionalAbsent()
    {
        var result = ArgumentBinder.Bind(
            Tool(Spec("count", ParameterKind.Integer, @default: "4", required: true), Spec("interval", ParameterKind.Duration, @default: "250ms"), Spec("host", ParameterKind.Host)),
            (IReadOnlyDictionary<string, string?>?)null);

        Assert.True(result.IsValid);
        Assert.Equal(4L, result.Input!.Get<long>("count"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.Input.Get<TimeSpan>("interval"));
        Assert.False(result.Input.Has("host"));
        Assert.Equal("""{"count":4,"interval":"PT0.25S"}""", result.Arguments!.ToJsonString());
    }

    [Fact]
    public void Bind_GivenValue_OverridesDefault()
    {
        var result = ArgumentBinder.Bind(Tool(Spec("count", ParameterKind.Integer, @default: "4")), new Dictionary<string, string?> { ["count"] = "9" });
        Assert.Equal(9L, result.Input!.Get<long>("count"));
    }

    [Fact]
    public void Bind_UnknownParameter_IsRefusedListingTheExpectedOnes()
    {
        var result = ArgumentBinder.Bind(
            Tool(Spec("host", ParameterKind.Host), Spec("port", ParameterKind.Port)),
            new Dictionary<string, string?> { ["host"] = "localhost", ["colour"] = "blue" });

        Assert.False(result.IsValid);
        Assert.Equal(["is not a parameter of probe; expected one of: host, port"], result.Errors["colour"]);
        Assert.DoesNotContain("host", result.Errors.Keys);
    }

    [Fact]
    public void Bind_ParameterNameInOtherCase_BindsToTheParameter()
    {
        var result = ArgumentBinder.Bind(Tool(Spec("targetHost", ParameterKind.Host)), new Dictionary<string, string?> { ["TARGETHOST"] = "localhost" });
        Assert.True(result.IsValid);
        Assert.Equal("localhost", result.Input!.GetString("targetHost"));
    }

    [Fact]
    public void Bind_SeveralBadFields_ReportsEachByName()
    {
        var tool = Tool(
            Spec("host", ParameterKind.Host, required: true),
            Spec("port", ParameterKind.Port, required: true),
            Spec("count", ParameterKind.Integer, min: 1, max: 5),
            Spec("interval", ParameterKind.Duration),
            Spec("network", ParameterKind.Cidr));

        var result = ArgumentBinder.Bind(tool, new Dictionary<string, string?>
        {
            ["port"] = "70000",
            ["count"] = "9",
            ["interval"] = "later",
            ["network"] = "192.0.2.0/24",
            ["extra"] = "1",
        });

        Assert.False(result.IsValid);
        Assert.Equal(["count", "extra", "host", "interval", "port"], result.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["is required"], result.Errors["host"]);
        Assert.Equal(["must be between 0 and 65535"], result.Errors["port"]);
        Assert.Equal(["must be between 1 and 5"], result.Errors["count"]);
    }

    [Fact]
    public void Bind_JsonValues_BindNumbersBoolsAndStrings()
    {
        var tool = Tool(
            Spec("port", ParameterKind.Port),
            Spec("count", ParameterKind.Integer),
            Spec("interval", ParameterKind.Duration),
            Spec("timeout", ParameterKind.Duration),
            Spec("flag", ParameterKind.Boolean),
            Spec("host", ParameterKind.Host),
            Spec("note", ParameterKind.Text));
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            """{ "port": 8080, "count": -3, "interval": 0.25, "timeout": "PT2S", "flag": true, "host": "::1", "note": null }""")!;

        var result = ArgumentBinder.Bind(tool, json);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var input = result.Input!;
        Assert.Equal(8080, input.Get<int>("port"));
        Assert.Equal(-3L, input.Get<long>("count"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), input.Get<TimeSpan>("interval"));
        Assert.Equal(TimeSpan.FromSeconds(2), input.Get<TimeSpan>("timeout"));
        Assert.True(input.Get<bool>("flag"));
        Assert.Equal("::1", input.GetString("host"));
        Assert.False(input.Has("note"));
        Assert.Equal("""{"port":8080,"count":-3,"interval":"PT0.25S","timeout":"PT2S","flag":true,"host":"::1"}""", result.Arguments!.ToJsonString());
    }

    [Fact]
    public void Bind_JsonNumberForPortAsFraction_IsRefused()
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{ "port": 80.5 }""")!;
        var result = ArgumentBinder.Bind(Tool(Spec("port", ParameterKind.Port)), json);
        Assert.Equal(["'80.5' is not a port number (0-65535)"], result.Errors["port"]);
    }

    [Theory]
    [InlineData("""{ "host": { "name": "localhost" } }""")]
    [InlineData("""{ "host": ["localhost"] }""")]
    public void Bind_JsonObjectOrArray_IsRefusedAsNotASingleValue(string body)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        var result = ArgumentBinder.Bind(Tool(Spec("host", ParameterKind.Host)), json);
        Assert.False(result.IsValid);
        Assert.Contains("must be a single value (string, number or boolean)", result.Errors["host"]);
    }

    [Fact]
    public void ValidateValue_EachCase_ReturnsMessageOrNull()
    {
        var port = Spec("port", ParameterKind.Port, required: true);
        Assert.Null(ArgumentBinder.ValidateValue(port, "22"));
        Assert.Equal("is required", ArgumentBinder.ValidateValue(port, " "));
        Assert.Equal("must be between 0 and 65535", ArgumentBinder.ValidateValue(port, "65536"));
        Assert.Null(ArgumentBinder.ValidateValue(port with { Default = "22" }, ""));
        Assert.Null(ArgumentBinder.ValidateValue(Spec("host", ParameterKind.Host), null));
    }
}
