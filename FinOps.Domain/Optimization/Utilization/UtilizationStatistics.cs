using FinOps.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Optimization.Utilization;

/// <summary>
/// One metric of one resource over a range: the mean and the 95th percentile of its daily values, and how many days
/// had a value. The 95th percentile uses the nearest-rank method: the daily values sorted ascending, the value at
/// rank ⌈0.95 × n⌉ (1-based); with fewer than 20 days that is the highest day. Days without a value are left out,
/// not counted as zero.
/// </summary>
public sealed record MetricSummary(double Average, double P95, int Days)
{
    /// <summary>The summary of some daily values, or null when there are none.</summary>
    public static MetricSummary? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(0.95 * sorted.Length);
        return new MetricSummary(sorted.Average(), sorted[rank - 1], sorted.Length);
    }
}

/// <summary>A resource's CPU, memory and storage utilization over a range (each null when never reported).</summary>
public sealed record ResourceUtilizationSummary(string ResourceId, MetricSummary? Cpu, MetricSummary? Memory, MetricSummary? Storage);

/// <summary>Average and p95 utilization per resource for a date range, for the cost tables at ResourceId grouping.</summary>
public sealed class UtilizationStatistics(IDbContextFactory<FinOpsDbContext> dbFactory)
{
    private const int IdsPerQuery = 500;

    /// <summary>
    /// For a cost table grouped by ResourceId: the summaries of the resources in its rows over the query's range
    /// (empty when the query does not group by ResourceId).
    /// </summary>
    public Task<IReadOnlyDictionary<string, ResourceUtilizationSummary>> ForCostRowsAsync(Costs.CostQuery query, IEnumerable<Costs.CostRow> rows, CancellationToken ct)
    {
        var byResource = query.GroupBy.FirstOrDefault(g => g.Column == "ResourceId");
        return byResource is null
            ? Task.FromResult<IReadOnlyDictionary<string, ResourceUtilizationSummary>>(new Dictionary<string, ResourceUtilizationSummary>())
            : SummarizeAsync(rows.Select(r => r.Keys.GetValueOrDefault(byResource.Name)).OfType<string>(), query.From, query.To, ct);
    }

    /// <summary>
    /// The summaries of the given resources between <paramref name="from"/> (inclusive) and <paramref name="to"/>
    /// (exclusive); resources without any utilization in the range are left out of the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ResourceUtilizationSummary>> SummarizeAsync(IEnumerable<string> resourceIds,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var ids = resourceIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        var fromDay = ResourceUtilization.DayOf(from);
        var toDay = ResourceUtilization.DayOf(to);
        var rows = new List<ResourceUtilization>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var chunk in ids.Chunk(IdsPerQuery))
            {
                rows.AddRange(await db.ResourceUtilization.AsNoTracking()
                    .Where(u => chunk.Contains(u.ResourceId) && u.Day >= fromDay && u.Day < toDay)
                    .ToListAsync(ct));
            }
        }

        return rows
            .GroupBy(r => r.ResourceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new ResourceUtilizationSummary(g.Key,
                MetricSummary.Of(g.Where(r => r.CpuPercent.HasValue).Select(r => r.CpuPercent!.Value).ToList()),
                MetricSummary.Of(g.Where(r => r.MemoryPercent.HasValue).Select(r => r.MemoryPercent!.Value).ToList()),
                MetricSummary.Of(g.Where(r => r.StoragePercent.HasValue).Select(r => r.StoragePercent!.Value).ToList())),
                StringComparer.Ordinal);
    }
}
