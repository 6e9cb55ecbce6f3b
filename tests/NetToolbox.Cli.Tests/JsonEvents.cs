using System.Text.Json;

namespace NetToolbox.Cli.Tests;

/// <summary>Checks on <c>--json</c> output: the REST API's event shape, one per line.</summary>
internal static class JsonEvents
{
    /// <summary>Every line is an event with <c>type</c>, <c>seq</c> counting up from 1 and <c>at</c>; the last is the result.</summary>
    public static JsonElement AssertWellFormed(IReadOnlyList<JsonElement> events)
    {
        Assert.NotEmpty(events);
        long previous = 0;
        foreach (var item in events)
        {
            Assert.Contains(item.GetProperty("type").GetString(), (string[])["log", "sample", "row", "progress", "result"]);
            var seq = item.GetProperty("seq").GetInt64();
            Assert.True(seq > previous, $"seq {seq} after {previous}");
            previous = seq;
            Assert.True(item.GetProperty("at").TryGetDateTimeOffset(out _));
        }

        Assert.Equal(1, events[0].GetProperty("seq").GetInt64());
        var result = events[^1];
        Assert.Equal("result", result.GetProperty("type").GetString());
        return result;
    }

    public static IEnumerable<JsonElement> OfType(IEnumerable<JsonElement> events, string type) =>
        events.Where(e => e.GetProperty("type").GetString() == type);
}
