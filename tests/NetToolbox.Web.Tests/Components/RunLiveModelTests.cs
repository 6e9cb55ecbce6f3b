using NetToolbox.Contracts;
using NetToolbox.Web.Components.Runs;

namespace NetToolbox.Web.Tests.Components;

public sealed class RunLiveModelTests
{
    [Fact]
    public void Apply_KeyedRows_UpdateInPlaceAndKeepOrder()
    {
        var model = new RunLiveModel();

        model.Apply(new RowEvent(["name", "bytes"], ["a", 1], Key: "a") { Seq = 1 });
        model.Apply(new RowEvent(["name", "bytes"], ["b", 2], Key: "b") { Seq = 2 });
        model.Apply(new RowEvent(["name", "bytes"], ["a", 10], Key: "a") { Seq = 3 });
        model.Apply(new RowEvent(["name", "bytes"], ["c", 3]) { Seq = 4 });

        var rows = model.Tables[""].Rows;
        Assert.Equal(["a", "b", "c"], rows.Select(r => r[0]!.GetValue<string>()));
        Assert.Equal(10, rows[0][1]!.GetValue<int>());
    }

    [Fact]
    public void Apply_SeqJump_CountsTheGap()
    {
        var model = new RunLiveModel();

        model.Apply(new LogEvent(LogEventLevel.Info, "one") { Seq = 1 });
        model.Apply(new LogEvent(LogEventLevel.Info, "five") { Seq = 5 });

        Assert.Equal(3, model.Gaps);
        Assert.Equal(5, model.LastSeq);
        Assert.Equal(2, model.Logs.Count);
    }

    [Fact]
    public void Apply_Samples_TrackLastMinMaxPerSeries()
    {
        var model = new RunLiveModel();

        foreach (var (value, seq) in new[] { (3.0, 1), (1.0, 2), (2.0, 3) })
        {
            model.Apply(new SampleEvent("rtt", value, "ms") { Seq = seq });
        }

        var series = model.Series["rtt"];
        Assert.Equal((2.0, 1.0, 3.0, 3L, "ms"), (series.Last, series.Min, series.Max, series.Count, series.Unit));
    }
}
