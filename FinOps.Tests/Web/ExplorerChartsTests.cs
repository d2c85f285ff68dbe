using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;
using FinOps.Web.Components.Shared.Charts;
using FinOps.Web.Features.CostExplorer;

namespace FinOps.Tests.Web;

public sealed class ExplorerChartsTests
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    private static ExplorerCurrencyAnswer Answer(ExplorerState state)
    {
        var service = CostDimension.ForColumn("ServiceName");
        CostRow Row(string name, DateOnly? day, decimal cost) => new(new Dictionary<string, string?> { [service.Name] = name }, day, "USD", cost);
        var rows = state.Granularity == Granularity.None
            ? new[] { Row("EC2", null, 30m), Row("S3", null, 12m) }
            : [Row("EC2", Today.AddDays(-2), 10m), Row("S3", Today.AddDays(-2), 4m), Row("EC2", Today.AddDays(-1), 20m), Row("S3", Today.AddDays(-1), 8m)];
        var current = new CostResult(state.Metric, rows, [new CostTotal("USD", 42m)], AnsweredFromRollup: true);
        return new ExplorerAnswer(state, current, previous: null).ForCurrency("USD");
    }

    [Theory]
    [InlineData(Granularity.Day)]
    [InlineData(Granularity.None)]
    public void ExplorerCharts_ShowTheirAnswerAtOnce_WithoutTheEntryAnimation(Granularity granularity)
    {
        var state = ExplorerState.Default(Today) with { GroupBy = [CostDimension.ForColumn("ServiceName")], Granularity = granularity, Compare = false };
        var answer = Answer(state);

        var overTime = ExplorerCharts.OverTime(answer, state);
        var breakdown = ExplorerCharts.Breakdown(answer, state);

        Assert.False(overTime.Options.Animate);
        Assert.False(breakdown.Options.Animate);
        Assert.Equal(ChartKind.Bar, overTime.Options.Kind);
        Assert.Equal(42m, overTime.Options.Series.Sum(s => s.Points.Sum(p => p.Y)));
        Assert.Equal(["EC2", "S3"], breakdown.Options.Series.Single().Points.Select(p => p.X.Category));
    }

    [Theory]
    [InlineData("EC2", "EC2")]
    [InlineData("//acme.googleapis.com/projects/acme-4-project-6/api-prod-00511", "…api-prod-00511")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc123def4567890", "…i-0abc123def4567890")]
    [InlineData("a-very-long-name-without-any-separator-that-goes-on-and-on", "a-very-long-name-without-any-separator-…")]
    public void ChartLabels_KeepTheLastSegmentOfLongIds(string name, string label)
    {
        Assert.Equal(label, ExplorerCharts.ChartLabel(name));
        Assert.True(ExplorerCharts.ChartLabel(name).Length <= ExplorerCharts.MaxLabelLength);
    }

    [Fact]
    public void ChartLabels_ThatCollideAfterShortening_StayDistinct()
    {
        var state = ExplorerState.Default(Today) with { GroupBy = [CostDimension.ForColumn("ResourceId")], Granularity = Granularity.None, Compare = false };
        var resource = CostDimension.ForColumn("ResourceId");
        CostRow Row(string id, decimal cost) => new(new Dictionary<string, string?> { [resource.Name] = id }, null, "USD", cost);
        var current = new CostResult(CostMetric.EffectiveCost,
            [Row("//acme.googleapis.com/projects/one-project-long-name/instances/web-1", 5m), Row("//acme.googleapis.com/projects/two-project-long-name/instances/web-1", 3m)],
            [new CostTotal("USD", 8m)], AnsweredFromRollup: true);
        var answer = new ExplorerAnswer(state, current, previous: null).ForCurrency("USD");

        var names = ExplorerCharts.Breakdown(answer, state).Options.Series.Single().Points.Select(p => p.X.Category).ToList();

        Assert.Equal(["…web-1", "…web-1 (2)"], names);
    }
}
