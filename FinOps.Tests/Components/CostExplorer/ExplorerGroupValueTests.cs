using Bunit;
using FinOps.Domain.Costs;
using FinOps.Web.Features.CostExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Tests.Components.CostExplorer;

public sealed class ExplorerGroupValueTests : BunitTestBase
{
    private const string Arn = "arn:aws:rds:us-east-1:529384716203:db:fraud-scoring-db-prod-02";

    private static readonly CostDimension Resource = CostDimension.ForColumn("ResourceId");
    private static readonly CostDimension Service = CostDimension.ForColumn("ServiceName");

    [Theory]
    [InlineData(Arn, "arn:aws:rds:us-east-1:529384716203:db:", "fraud-scoring-db-prod-02")]
    [InlineData("arn:aws:logs:us-east-1:350918264407:log-group:/aws/ci-runners-logs", "arn:aws:logs:us-east-1:350918264407:log-group:/aws/", "ci-runners-logs")]
    [InlineData("/subscriptions/3f2a/resourceGroups/rg-shop/providers/Microsoft.Sql/servers/sql-1/databases/shop-db",
        "/subscriptions/3f2a/resourceGroups/rg-shop/providers/Microsoft.Sql/servers/sql-1/databases/", "shop-db")]
    [InlineData("//bigquery.googleapis.com/projects/lake/datasets/ds_prod_01", "//bigquery.googleapis.com/projects/lake/datasets/", "ds_prod_01")]
    [InlineData("gs://bucket/folder/", "gs://bucket/", "folder/")] // a trailing separator stays with the name
    [InlineData("i-0abc1234def", "", "i-0abc1234def")] // no separator: all name
    [InlineData("/root", "", "/root")] // nothing before the only separator
    [InlineData("Amazon Relational Database Service", "", "Amazon Relational Database Service")] // a name, not an identifier
    [InlineData("team: data/platform", "", "team: data/platform")] // white space: not an identifier
    public void SplitIdentifier_KeepsTheNameAfterTheLastSeparator_WholeValueReassembles(string value, string head, string name)
    {
        var parts = ExplorerGroupValue.SplitIdentifier(value);

        Assert.Equal(new IdentifierParts(head, name), parts);
        Assert.Equal(value, parts.Head + parts.Name);
    }

    [Fact]
    public void ResourceId_ShowsHeadAndName_FullValueInTheTooltip_AndCopiesTheFullValue()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", Arn).SetVoidResult();

        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, Resource).Add(c => c.Value, Arn).Add(c => c.TestId, "group-1"));

        var text = cut.Find("[data-testid='group-1']");
        Assert.Equal(Arn, text.TextContent); // no white space between the parts: copying the text gives the id
        Assert.Equal("arn:aws:rds:us-east-1:529384716203:db:", cut.Find(".group-value-head").TextContent);
        Assert.Equal("fraud-scoring-db-prod-02", cut.Find(".group-value-name").TextContent);
        Assert.Equal(Arn, cut.Find(".group-value").GetAttribute("title"));

        cut.Find("[data-testid='copy-value']").Click();

        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Resource copied to the clipboard.", toast.Message);
        Assert.Equal(Severity.Success, toast.Severity);
    }

    [Fact]
    public void Copy_RefusedByTheBrowser_SaysHowToCopyInstead()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", Arn).SetException(new JSException("Write permission denied."));
        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, Resource).Add(c => c.Value, Arn));

        cut.Find("[data-testid='copy-value']").Click();

        var toast = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Warning, toast.Severity);
        Assert.Contains("copy it by hand", toast.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdColumnWithoutSeparator_IsCopyable_ButNotSplit()
    {
        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, Resource).Add(c => c.Value, "i-0abc1234def"));

        Assert.Empty(cut.FindAll(".group-value-head"));
        Assert.Equal("i-0abc1234def", cut.Find(".group-value-text").TextContent);
        Assert.Single(cut.FindAll("[data-testid='copy-value']"));
    }

    [Fact]
    public void ServiceName_WrapsAsText_WithoutACopyButton()
    {
        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, Service).Add(c => c.Value, "Amazon Relational Database Service"));

        Assert.Empty(cut.FindAll(".group-value-head"));
        Assert.Equal("Amazon Relational Database Service", cut.Find(".group-value-text").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='copy-value']"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void NoValue_ReadsNone_InItalics_NothingToCopy(string? value)
    {
        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, Resource).Add(c => c.Value, value));

        var text = cut.Find(".group-value-text");
        Assert.Equal("(none)", text.TextContent);
        Assert.Contains("group-value-empty", text.ClassList);
        Assert.Empty(cut.FindAll("[data-testid='copy-value']"));
    }

    [Fact]
    public void NoTagValue_ReadsUntagged()
    {
        var cut = Render<ExplorerGroupValue>(p => p.Add(c => c.Dimension, CostDimension.ForTag("team")).Add(c => c.Value, null));

        Assert.Equal("(untagged)", cut.Find(".group-value-text").TextContent);
    }
}
