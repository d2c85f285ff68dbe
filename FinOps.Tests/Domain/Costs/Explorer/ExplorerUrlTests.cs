using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class ExplorerUrlTests
{
    private static readonly DateOnly Today = new(2024, 10, 15);

    [Fact]
    public void Parse_EmptyQuery_GivesTheDefaults_Last30DaysAmortizedByServiceCategoryPerDay()
    {
        var result = ExplorerUrl.Parse("", Today);

        Assert.Empty(result.Issues);
        var state = result.State;
        Assert.Equal(DatePreset.Last30Days, state.Preset);
        Assert.Equal(new DateOnly(2024, 9, 16), state.From);
        Assert.Equal(new DateOnly(2024, 10, 16), state.To);
        Assert.Equal(CostMetric.EffectiveCost, state.Metric);
        Assert.Equal(["ServiceCategory"], state.GroupBy.Select(g => g.Name));
        Assert.Equal(Granularity.Day, state.Granularity);
        Assert.Empty(state.Filters);
        Assert.False(state.Compare);
        Assert.Equal(ExplorerView.Chart, state.View);
        Assert.Equal(1, state.Page);
        Assert.Equal(TableSort.Default, state.Sort);
    }

    [Fact]
    public void StateToUrlToState_KeepsEveryPartOfTheView()
    {
        var state = new ExplorerState
        {
            Preset = null,
            From = new DateOnly(2024, 8, 1),
            To = new DateOnly(2024, 9, 1),
            Metric = CostMetric.ListCost,
            GroupBy = [CostDimension.ForTag("team"), CostDimension.ForColumn("ServiceName")],
            Granularity = Granularity.Week,
            Filters =
            [
                new CostFilter(CostDimension.ForColumn("ProviderName"), ["AWS", "Microsoft"]),
                new CostFilter(CostDimension.ForTag("env"), ["prod", ""]),
                new CostFilter(CostDimension.ForColumn("ServiceName"), ["Amazon S3: Glacier & more = 100%, really?"]),
            ],
            Compare = true,
            View = ExplorerView.Table,
            Chart = ExplorerChartKind.Area,
            Currency = "EUR",
            Page = 3,
            Sort = new TableSort(TableSortColumn.Group, false, "Tag:team"),
        };

        var url = ExplorerUrl.Format(state);
        var back = ExplorerUrl.Parse("?" + url, Today);

        Assert.Empty(back.Issues);
        Assert.True(back.State.SameQuestion(state), url);
        Assert.Null(back.State.Preset);
        Assert.Equal((state.View, state.Chart, state.Currency, state.Page, state.Sort), (back.State.View, back.State.Chart, back.State.Currency, back.State.Page, back.State.Sort));
        Assert.Equal(["", "prod"], back.State.FilterOn(CostDimension.ForTag("env"))!.Values.Select(v => v ?? "").Order());
        Assert.Contains("filter=ProviderName:AWS&filter=ProviderName:Microsoft", url);
        Assert.Contains("filter=Tag:env=&", url); // untagged keeps the API's syntax
    }

    [Fact]
    public void Format_WithAPreset_WritesThePresetNotTheDates_SoTheLinkFollowsToday()
    {
        var state = ExplorerState.Default(Today) with { Preset = DatePreset.ThisMonth, From = new DateOnly(2024, 10, 1), To = Today.AddDays(1) };

        var url = ExplorerUrl.Format(state);
        var later = ExplorerUrl.Parse(url, new DateOnly(2024, 11, 20)).State;

        Assert.StartsWith("preset=this-month&", url);
        Assert.DoesNotContain("from=", url);
        Assert.Equal((new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 21)), (later.From, later.To));
    }

    [Fact]
    public void Parse_TheDashboardsLinkFormat_FromToMetricGroupByFilter()
    {
        var result = ExplorerUrl.Parse("from=2024-09-01&to=2024-10-01&metric=BilledCost&groupBy=ServiceCategory,ServiceName&granularity=Month&filter=ProviderName:AWS&filter=Tag:team=platform&filter=Tag:team=", Today);

        Assert.Empty(result.Issues);
        var state = result.State;
        Assert.Null(state.Preset);
        Assert.Equal((new DateOnly(2024, 9, 1), new DateOnly(2024, 10, 1)), (state.From, state.To));
        Assert.Equal(CostMetric.BilledCost, state.Metric);
        Assert.Equal(["ServiceCategory", "ServiceName"], state.GroupBy.Select(g => g.Name));
        Assert.Equal(Granularity.Month, state.Granularity);
        Assert.Equal(["AWS"], state.FilterOn(CostDimension.ForColumn("ProviderName"))!.Values);
        Assert.Equal(["platform", ""], state.FilterOn(CostDimension.ForTag("team"))!.Values);
    }

    [Theory]
    [InlineData("from=2024-13-01&to=2024-10-01", "from")]
    [InlineData("from=2024-10-01&to=2024-09-01", "to")]
    [InlineData("from=2024-10-01", "to")]
    [InlineData("preset=last-week", "preset")]
    [InlineData("metric=Cheapest", "metric")]
    [InlineData("groupBy=Colour", "groupBy")]
    [InlineData("groupBy=BilledCost", "groupBy")]
    [InlineData("granularity=Hour", "granularity")]
    [InlineData("filter=Nope:x", "filter")]
    [InlineData("filter=Tag:team", "filter")]
    [InlineData("compare=maybe", "compare")]
    [InlineData("view=pie", "view")]
    [InlineData("chart=1", "chart")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("sort=Colour:asc", "sort")]
    [InlineData("sort=Cost:up", "sort")]
    [InlineData("currency=U$D", "currency")]
    public void Parse_AnInvalidParameter_IsNamed_AndItsDefaultIsUsed(string query, string parameter)
    {
        var otherParameter = parameter == "groupBy" ? "" : "&groupBy=ServiceName";
        var result = ExplorerUrl.Parse(query + otherParameter, Today);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(parameter, issue.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(issue.Message));
        var defaults = ExplorerState.Default(Today);
        var state = result.State;
        switch (parameter)
        {
            case "from" or "to" or "preset":
                Assert.Equal((defaults.From, defaults.To), (state.From, state.To));
                break;
            case "metric":
                Assert.Equal(CostMetric.EffectiveCost, state.Metric);
                break;
            case "groupBy":
                Assert.Equal(["ServiceCategory"], state.GroupBy.Select(g => g.Name));
                break;
            case "granularity":
                Assert.Equal(Granularity.Day, state.Granularity);
                break;
            case "filter":
                Assert.Empty(state.Filters);
                break;
            case "page":
                Assert.Equal(1, state.Page);
                break;
            case "sort":
                Assert.Equal(TableSort.Default, state.Sort);
                break;
        }

        // The other parameters of the link still apply.
        if (parameter != "groupBy")
        {
            Assert.Equal(["ServiceName"], state.GroupBy.Select(g => g.Name));
        }
    }

    [Fact]
    public void Parse_MoreThanTwoGroupings_KeepsTheFirstTwo_AndSaysSo()
    {
        var result = ExplorerUrl.Parse("groupBy=ProviderName,ServiceName,RegionId", Today);

        Assert.Equal("groupBy", Assert.Single(result.Issues).Parameter);
        Assert.Equal(["ProviderName", "ServiceName"], result.State.GroupBy.Select(g => g.Name));
    }

    [Fact]
    public void Parse_SortByAGroupColumn_IsAcceptedOnlyWhenThatDimensionIsGrouped()
    {
        Assert.Equal(new TableSort(TableSortColumn.Group, false, "ServiceName"), ExplorerUrl.Parse("groupBy=ServiceName&sort=ServiceName:asc", Today).State.Sort);
        Assert.Equal(new TableSort(TableSortColumn.ChangePercent, true), ExplorerUrl.Parse("sort=changepercent:desc", Today).State.Sort);
        Assert.Equal("sort", Assert.Single(ExplorerUrl.Parse("groupBy=RegionId&sort=ServiceName:asc", Today).Issues).Parameter);
    }

    [Fact]
    public void Parse_ValuesWithReservedCharacters_RoundTripThroughEscaping()
    {
        var state = ExplorerState.Default(Today).WithFilter(CostDimension.ForColumn("ResourceId"), ["arn:aws:s3:::bucket/a+b&c#d?e=f%g"]);

        var back = ExplorerUrl.Parse(ExplorerUrl.Format(state), Today).State;

        Assert.Equal("arn:aws:s3:::bucket/a+b&c#d?e=f%g", back.FilterOn(CostDimension.ForColumn("ResourceId"))!.Values.Single());
    }
}
