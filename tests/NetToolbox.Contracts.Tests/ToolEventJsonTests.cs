using System.Text.Json;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Contracts.Tests;

/// <summary>The JSON shape of events is part of the public interface (REST, hub, persistence): pin it.</summary>
public sealed class ToolEventJsonTests
{
    // The options ASP.NET Core uses for REST and SignalR JSON.
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static (JsonObject Json, ToolEvent Back) RoundTrip(ToolEvent item)
    {
        var text = JsonSerializer.Serialize(item, Web);
        var json = JsonNode.Parse(text)!.AsObject();
        var back = JsonSerializer.Deserialize<ToolEvent>(text, Web)!;
        Assert.Equal(item.Seq, back.Seq);
        Assert.Equal(item.At, back.At);
        Assert.Equal(item.Seq, json["seq"]!.GetValue<long>());
        Assert.Equal(At, json["at"]!.GetValue<DateTimeOffset>());
        return (json, back);
    }

    private static void AssertNames(JsonObject json, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), json.Select(p => p.Key).Order(StringComparer.Ordinal));

    [Fact]
    public void Serialize_LogEvent_HasLogTypeAndCamelCaseNames()
    {
        var (json, back) = RoundTrip(new LogEvent(LogEventLevel.Warning, "careful") { Seq = 1, At = At });

        Assert.Equal("log", json["type"]!.GetValue<string>());
        Assert.Equal("warning", json["level"]!.GetValue<string>());
        AssertNames(json, "type", "seq", "at", "level", "text");
        var log = Assert.IsType<LogEvent>(back);
        Assert.Equal((LogEventLevel.Warning, "careful"), (log.Level, log.Text));
    }

    [Fact]
    public void Serialize_SampleEvent_HasSampleType()
    {
        var (json, back) = RoundTrip(new SampleEvent("rtt", 12.5, "ms") { Seq = 2, At = At });

        Assert.Equal("sample", json["type"]!.GetValue<string>());
        AssertNames(json, "type", "seq", "at", "series", "value", "unit");
        Assert.Equal(12.5, json["value"]!.GetValue<double>());
        Assert.Equal(new SampleEvent("rtt", 12.5, "ms") { Seq = 2, At = At }, back);
    }

    [Fact]
    public void Serialize_RowEvent_KeepsCellTypes()
    {
        var row = new RowEvent(["name", "mtu", "up", "note"], ["eth0", 1500, true, null], Key: "eth0", Table: "links") { Seq = 3, At = At };

        var (json, back) = RoundTrip(row);

        Assert.Equal("row", json["type"]!.GetValue<string>());
        AssertNames(json, "type", "seq", "at", "columns", "values", "key", "table");
        Assert.Equal("""["eth0",1500,true,null]""", json["values"]!.ToJsonString());
        var parsed = Assert.IsType<RowEvent>(back);
        Assert.Equal(row.Columns, parsed.Columns);
        Assert.Equal(1500, parsed.Values[1]!.GetValue<int>());
        Assert.True(parsed.Values[2]!.GetValue<bool>());
        Assert.Null(parsed.Values[3]);
        Assert.Equal(("eth0", "links"), (parsed.Key, parsed.Table));
    }

    [Fact]
    public void Serialize_ProgressEvent_HasProgressType()
    {
        var (json, back) = RoundTrip(new ProgressEvent(0.5, "half") { Seq = 4, At = At });

        Assert.Equal("progress", json["type"]!.GetValue<string>());
        AssertNames(json, "type", "seq", "at", "fraction", "message");
        Assert.Equal(new ProgressEvent(0.5, "half") { Seq = 4, At = At }, back);
    }

    [Fact]
    public void Serialize_ResultEvent_KeepsStructuredData()
    {
        var result = new ResultEvent(true, "3 of 3 replies", new JsonObject { ["sent"] = 3, ["lossPercent"] = 0.0, ["host"] = "::1" }) { Seq = 5, At = At };

        var (json, back) = RoundTrip(result);

        Assert.Equal("result", json["type"]!.GetValue<string>());
        AssertNames(json, "type", "seq", "at", "success", "summary", "data");
        Assert.True(json["success"]!.GetValue<bool>());
        var parsed = Assert.IsType<ResultEvent>(back);
        Assert.Equal("3 of 3 replies", parsed.Summary);
        Assert.True(JsonNode.DeepEquals(result.Data, parsed.Data));
    }

    [Fact]
    public void Serialize_TypeDiscriminator_IsFirstProperty()
    {
        var text = JsonSerializer.Serialize<ToolEvent>(new LogEvent(LogEventLevel.Info, "x") { Seq = 1, At = At }, Web);
        Assert.StartsWith("""{"type":"log","seq":1,""", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParameterKind.Text, "text")]
    [InlineData(ParameterKind.Host, "host")]
    [InlineData(ParameterKind.Port, "port")]
    [InlineData(ParameterKind.Integer, "integer")]
    [InlineData(ParameterKind.Duration, "duration")]
    [InlineData(ParameterKind.Boolean, "boolean")]
    [InlineData(ParameterKind.Choice, "choice")]
    [InlineData(ParameterKind.Cidr, "cidr")]
    [InlineData(ParameterKind.Endpoint, "endpoint")]
    public void Serialize_ParameterKind_IsLowerCaseName(ParameterKind kind, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(kind, Web));
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(kind));
        Assert.Equal(kind, JsonSerializer.Deserialize<ParameterKind>($"\"{expected}\"", Web));
    }

    [Fact]
    public void Serialize_EveryParameterKind_IsCovered()
    {
        Assert.All(Enum.GetValues<ParameterKind>(), kind =>
            Assert.Equal($"\"{kind.ToString().ToLowerInvariant()}\"", JsonSerializer.Serialize(kind, Web)));
    }

    [Fact]
    public void Serialize_ToolDescriptor_UsesInterfaceNames()
    {
        var descriptor = new ToolDescriptor
        {
            Id = "pinger",
            Name = "Pinger",
            Description = "Pings",
            Parameters = [new ParameterSpec { Name = "targetHost", Label = "Target", Kind = ParameterKind.Host, Required = true, Min = 1, Choices = ["a"], Help = "h", Default = "localhost" }],
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(descriptor, Web))!.AsObject();

        AssertNames(json, "id", "name", "description", "category", "icon", "version", "privileged", "parameters");
        var parameter = json["parameters"]![0]!.AsObject();
        AssertNames(parameter, "name", "label", "kind", "required", "default", "min", "max", "choices", "help");
        Assert.Equal("host", parameter["kind"]!.GetValue<string>());
    }

    [Fact]
    public void ContractVersion_Current_MatchesDeclaredMajor()
    {
        Assert.Equal(ContractVersion.Major, ContractVersion.Current.Major);
        Assert.Equal(typeof(ITool).Assembly.GetName().Version, ContractVersion.Current);
    }
}
