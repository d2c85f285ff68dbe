using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class DrillPathTests
{
    private static readonly DateOnly Today = new(2024, 10, 15);
    private static readonly CostDimension Category = CostDimension.ForColumn("ServiceCategory");
    private static readonly CostDimension Service = CostDimension.ForColumn("ServiceName");
    private static readonly CostDimension Resource = CostDimension.ForColumn("ResourceId");
    private static readonly CostDimension Account = CostDimension.ForColumn("BillingAccountId");
    private static readonly CostDimension SubAccount = CostDimension.ForColumn("SubAccountId");

    [Fact]
    public void Drill_CategoryThenService_AddsTheFiltersAndRegroupsCategoryServiceResource()
    {
        var start = ExplorerState.Default(Today) with { Page = 4, Filters = [new CostFilter(CostDimension.ForColumn("ProviderName"), ["AWS"])] };

        var byService = DrillPath.Drill(start, [new DrillValue(Category, "Compute")])!;
        var byResource = DrillPath.Drill(byService, [new DrillValue(Service, "Amazon EC2")])!;

        Assert.Equal([Service], byService.GroupBy);
        Assert.Equal(1, byService.Page);
        Assert.Equal([Resource], byResource.GroupBy);
        Assert.Equal(["ProviderName", "ServiceCategory", "ServiceName"], byResource.Filters.Select(f => f.Dimension.Name));
        Assert.Equal(["Compute"], byResource.FilterOn(Category)!.Values);
        Assert.Null(DrillPath.Drill(byResource, [new DrillValue(Resource, "i-1")])); // a resource is the bottom
        Assert.False(DrillPath.CanDrill(byResource));
    }

    [Fact]
    public void Drill_BillingAccount_GoesToSubAccount_ThenService()
    {
        var state = ExplorerState.Default(Today) with { GroupBy = [Account] };

        var bySub = DrillPath.Drill(state, [new DrillValue(Account, "A1")])!;
        var byService = DrillPath.Drill(bySub, [new DrillValue(SubAccount, null)])!;

        Assert.Equal([SubAccount], bySub.GroupBy);
        Assert.Equal([Service], byService.GroupBy);
        Assert.Equal([""], byService.FilterOn(SubAccount)!.Values); // "(none)" drills into rows without a sub-account
    }

    [Fact]
    public void Steps_AfterTwoDrills_ReadTheDrillPathBackFromTheState_AndEachStepOpensItsView()
    {
        var start = ExplorerState.Default(Today) with { Filters = [new CostFilter(CostDimension.ForColumn("ProviderName"), ["AWS"])] };
        var byService = DrillPath.Drill(start, [new DrillValue(Category, "Compute")])!;
        var byResource = DrillPath.Drill(byService, [new DrillValue(Service, "Amazon EC2")])!;

        // Through the URL, as a shared link would be.
        var steps = DrillPath.Steps(ExplorerUrl.Parse(ExplorerUrl.Format(byResource), Today).State);

        Assert.Equal(["Provider: AWS", "Compute", "Amazon EC2"], steps.Select(s => s.Label)); // the root names the filter outside the drill
        Assert.Equal([Category, Service, Resource], steps.Select(s => s.GroupedBy));
        Assert.Equal([false, false, true], steps.Select(s => s.IsCurrent));
        Assert.True(steps[0].Target.SameQuestion(start)); // the provider filter was not part of the drill: it stays
        Assert.True(steps[1].Target.SameQuestion(byService));
    }

    [Fact]
    public void Steps_WithoutDrilledFilters_IsOneStep()
    {
        var state = ExplorerState.Default(Today) with { Filters = [new CostFilter(Category, ["Compute", "Storage"])], GroupBy = [Service] };

        var step = Assert.Single(DrillPath.Steps(state)); // two values are a filter, not a drill step

        Assert.True(step.IsCurrent);
        Assert.Equal("Service category: 2 values", step.Label);
        Assert.Equal("All costs", Assert.Single(DrillPath.Steps(state with { Filters = [] })).Label);
    }

    [Fact]
    public void Steps_RegroupedAfterADrill_TheRootNamesTheFiltersStillApplied()
    {
        var drilled = DrillPath.Drill(ExplorerState.Default(Today) with { GroupBy = [Account] }, [new DrillValue(Account, "acct-1")])!;
        var regrouped = (drilled with { GroupBy = [Resource] }).WithFilter(CostDimension.ForTag("team"), ["core", "web"]);

        var steps = DrillPath.Steps(regrouped);

        var step = Assert.Single(steps); // acct-1 is no longer a step: SubAccountId is not the grouping
        Assert.Equal("Billing account: acct-1 + 1 more filter", step.Label);
        Assert.Same(regrouped, step.Target);
    }

    [Fact]
    public void Drill_TwoGroupings_FiltersBothValues_AndRegroupsBelowTheSecond()
    {
        var state = ExplorerState.Default(Today) with { GroupBy = [CostDimension.ForTag("team"), Service] };

        var drilled = DrillPath.Drill(state, [new DrillValue(CostDimension.ForTag("team"), null), new DrillValue(Service, "Amazon S3")])!;

        Assert.Equal([Resource], drilled.GroupBy);
        Assert.Equal([""], drilled.FilterOn(CostDimension.ForTag("team"))!.Values);
        Assert.Equal(["Amazon S3"], drilled.FilterOn(Service)!.Values);
    }
}
