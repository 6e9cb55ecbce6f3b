using NetToolbox.Plugins.Pinger.Statistics;

namespace NetToolbox.Plugins.Pinger.Tests.Statistics;

public sealed class RttStatisticsTests
{
    [Fact]
    public void AddReply_FourSamples_MatchesIputilsFormulas()
    {
        var stats = Fill(1, 2, 3, 4);

        Assert.Equal(4, stats.Transmitted);
        Assert.Equal(4, stats.Received);
        Assert.Equal(0, stats.LossPercent);
        Assert.Equal(1, stats.Min);
        Assert.Equal(4, stats.Max);
        Assert.Equal(2.5, stats.Average);

        // mdev = sqrt(mean(x²) − mean(x)²) = sqrt(30/4 − 6.25) = sqrt(1.25)
        Assert.Equal(Math.Sqrt(1.25), stats.MeanDeviation!.Value, 12);
        Assert.Equal(2.5, stats.Median);
        Assert.Equal(4, stats.P95);
    }

    [Fact]
    public void AddLoss_OneOfFourLost_LossIs25PercentAndRttsCoverRepliesOnly()
    {
        var stats = Fill(10, 20, 30);
        stats.AddLoss();

        Assert.Equal(4, stats.Transmitted);
        Assert.Equal(3, stats.Received);
        Assert.Equal(25, stats.LossPercent);
        Assert.Equal(20, stats.Average);
        Assert.Equal(20, stats.Median);
        Assert.Equal(30, stats.P95);
        Assert.Equal(Math.Sqrt((1400.0 / 3) - 400), stats.MeanDeviation!.Value, 12);
    }

    [Fact]
    public void P95_TwentySamples_IsNearestRankNineteenth()
    {
        var stats = Fill([.. Enumerable.Range(1, 20).Select(i => (double)i)]);

        Assert.Equal(19, stats.P95);
        Assert.Equal(10.5, stats.Median);
        Assert.Equal(10.5, stats.Average);
    }

    [Fact]
    public void MeanDeviation_IdenticalSamples_IsZeroNotNaN()
    {
        var stats = Fill(0.1, 0.1, 0.1);

        Assert.Equal(0, stats.MeanDeviation);
    }

    [Fact]
    public void AddError_NoReplies_AllRttFiguresNullAndLossTotal()
    {
        var stats = new RttStatistics();
        stats.AddError();
        stats.AddLoss();

        Assert.Equal(2, stats.Transmitted);
        Assert.Equal(1, stats.Errors);
        Assert.Equal(100, stats.LossPercent);
        Assert.Null(stats.Min);
        Assert.Null(stats.Average);
        Assert.Null(stats.MeanDeviation);
        Assert.Null(stats.Median);
        Assert.Null(stats.P95);
    }

    [Fact]
    public void LossPercent_OneOfThreeLost_IsThirtyThreePointThree()
    {
        var stats = Fill(1, 1);
        stats.AddLoss();

        Assert.Equal(100.0 / 3, stats.LossPercent, 12);
    }

    private static RttStatistics Fill(params double[] samples)
    {
        var stats = new RttStatistics();
        foreach (var sample in samples)
        {
            stats.AddReply(sample);
        }

        return stats;
    }
}
