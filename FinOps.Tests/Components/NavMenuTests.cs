using Bunit;
using FinOps.Web.Components.Layout;

namespace FinOps.Tests.Components;

public sealed class NavMenuTests : BunitTestBase
{
    [Fact]
    public void NavMenu_LinksToEveryModuleAndToIngestionUnderData()
    {
        var cut = Render<NavMenu>();

        var links = cut.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("", links["Dashboard"]);
        Assert.Equal("explorer", links["Cost Explorer"]);
        Assert.Equal("optimization", links["Optimization"]);
        Assert.Equal("budgets", links["Budgets"]);
        Assert.Equal("reports", links["Reports"]);
        Assert.Equal("settings", links["Settings"]);
        Assert.Equal("ingestion", links["Ingestion"]);
        var dataGroup = cut.FindComponents<MudBlazor.MudNavGroup>().Single(g => g.Instance.Title == "Data");
        Assert.Equal("ingestion", dataGroup.Find("a").GetAttribute("href"));
    }
}
