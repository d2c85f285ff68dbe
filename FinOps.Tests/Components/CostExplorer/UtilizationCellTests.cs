using Bunit;
using FinOps.Domain.Optimization.Utilization;
using FinOps.Web.Features.CostExplorer.Utilization;

namespace FinOps.Tests.Components.CostExplorer;

public sealed class UtilizationCellTests : BunitTestBase
{
    [Fact]
    public void Cell_ShowsAverageAndP95InWholePercent_OfTheMetricsReported_ExactFiguresInTheTooltip()
    {
        var summary = new ResourceUtilizationSummary("i-1", new MetricSummary(23.456, 61, 30), null, new MetricSummary(80, 80, 1));

        var cut = Render<UtilizationCell>(p => p.Add(c => c.Summary, summary));

        var cpu = cut.Find("[data-testid='utilization-cpu']");
        Assert.Equal("CPU 23 / 61 %", string.Join(' ', cpu.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("CPU: average 23.5 %, 95th percentile 61 % over 30 days with data", cpu.GetAttribute("title"));
        Assert.Empty(cut.FindAll("[data-testid='utilization-memory']"));
        Assert.Contains("over 1 day with data", cut.Find("[data-testid='utilization-storage']").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cell_BarelyUsedResource_ReadsLessThanOne_NotZero()
    {
        var summary = new ResourceUtilizationSummary("i-1", new MetricSummary(0.2, 0.49, 30), new MetricSummary(0, 0.5, 30), null);

        var cut = Render<UtilizationCell>(p => p.Add(c => c.Summary, summary));

        Assert.Equal("CPU <1 / <1 %", string.Join(' ', cut.Find("[data-testid='utilization-cpu']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("Memory 0 / 1 %", string.Join(' ', cut.Find("[data-testid='utilization-memory']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("CPU: average 0.2 %, 95th percentile 0.5 % over 30 days with data", cut.Find("[data-testid='utilization-cpu']").GetAttribute("title"));
    }

    [Fact]
    public void Cell_WithoutData_SaysSoQuietly()
    {
        Assert.NotNull(Render<UtilizationCell>().Find("[data-testid='utilization-none']"));
        Assert.NotNull(Render<UtilizationCell>(p => p.Add(c => c.Summary, new ResourceUtilizationSummary("i-1", null, null, null)))
            .Find("[data-testid='utilization-none']"));
    }
}
