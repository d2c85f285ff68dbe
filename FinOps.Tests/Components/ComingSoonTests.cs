using Bunit;
using FinOps.Web.Components.Shared;

namespace FinOps.Tests.Components;

public sealed class ComingSoonTests : BunitTestBase
{
    [Fact]
    public void ComingSoon_SaysNotBuiltYetAndListsEveryPlannedFeature()
    {
        string[] planned = ["Report builder", "Schedules", "Archive"];

        var cut = Render<ComingSoon>(p => p
            .Add(c => c.Title, "Reports")
            .Add(c => c.Summary, "Reports are not built yet.")
            .Add(c => c.Planned, planned));

        Assert.Equal("Reports", cut.Find("h1").TextContent.Trim());
        Assert.Contains("Not built yet", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Reports are not built yet.", cut.Markup, StringComparison.Ordinal);
        var items = cut.FindAll(".mud-list-item").Select(li => li.TextContent.Trim());
        Assert.Equal(planned, items);
    }
}
