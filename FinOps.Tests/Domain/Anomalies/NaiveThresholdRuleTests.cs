using FinOps.Domain.Anomalies;
using static FinOps.Tests.Domain.Anomalies.CraftedSeries;

namespace FinOps.Tests.Domain.Anomalies;

public sealed class NaiveThresholdRuleTests
{
    private static DailySeries Series(params decimal[] costs) => new(Key, Start, costs);

    [Fact]
    public void DayMoreThanThirtyPercentAboveTrailingWeekAverage_IsASpike()
    {
        var series = Series(100m, 100m, 100m, 100m, 100m, 100m, 100m, 131m, 129m);

        var found = Assert.Single(new NaiveThresholdRule().Detect(series, series.Start, series.End));

        Assert.Equal(Day(7), found.Date);
        Assert.Equal(AnomalyKind.Spike, found.Kind);
        Assert.Equal(100m, found.Expected);
        Assert.Equal(31m, found.Impact);
        Assert.Null(found.ZScore);
    }

    [Fact]
    public void SpikesOnly_IgnoresDrops_SymmetricVariantFlagsThem()
    {
        var series = Series(100m, 100m, 100m, 100m, 100m, 100m, 100m, 69m);

        Assert.Empty(new NaiveThresholdRule().Detect(series, series.Start, series.End));
        var drop = Assert.Single(new NaiveThresholdRule(new NaiveThresholdOptions(IncludeDrops: true)).Detect(series, series.Start, series.End));
        Assert.Equal(AnomalyKind.Drop, drop.Kind);
    }

    [Fact]
    public void FirstWeek_IsNotJudged()
    {
        var series = Series(100m, 1000m, 100m, 100m, 100m, 100m, 100m);

        Assert.Empty(new NaiveThresholdRule(new NaiveThresholdOptions(IncludeDrops: true)).Detect(series, series.Start, series.End));
    }
}
