using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Costs.Explorer;

/// <summary>A value a filter can take, with its cost in the current range per billing currency (the largest first).</summary>
public sealed record FilterValue(string? Value, IReadOnlyList<CostTotal> Costs)
{
    public decimal CostIn(string? currency) => Costs.FirstOrDefault(c => c.BillingCurrency == currency)?.Cost ?? 0m;
}

/// <summary>
/// Answers the Cost Explorer's questions through the <see cref="CostQueryEngine"/>: the view (the range and, when
/// comparing, the previous period, in parallel: two engine queries), the values a filter can take with their cost, tag
/// keys, and a bounded resource search (resources are not in the rollup, so it reads line items).
/// </summary>
public sealed class ExplorerService(CostQueryEngine engine, IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions)
{
    /// <summary>At most this many resources come back from a search.</summary>
    public const int ResourceSearchLimit = 50;

    /// <summary>Candidate resources read from line items before their costs are summed (keeps a broad search bounded).</summary>
    public const int ResourceCandidateLimit = 2000;

    public async Task<ExplorerAnswer> AnswerAsync(ExplorerState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        var current = engine.QueryAsync(state.ToQuery(), ct);
        var previous = state.Compare ? PreviousAsync() : Task.FromResult<CostResult?>(null);
        await Task.WhenAll((Task)current, previous);
        return new ExplorerAnswer(state, await current, await previous);

        async Task<CostResult?> PreviousAsync() => await engine.QueryAsync(state.ToPreviousQuery(), ct);
    }

    /// <summary>
    /// The values of <paramref name="dimension"/> that have costs in the state's range under its other filters (the
    /// filter on the dimension itself is left out, so more values can be added), the costliest first.
    /// </summary>
    public async Task<IReadOnlyList<FilterValue>> FilterValuesAsync(ExplorerState state, CostDimension dimension, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        var query = new CostQuery(state.From, state.To, state.Metric, [dimension], Granularity.None,
            [.. state.Filters.Where(f => f.Dimension != dimension)]);
        var result = await engine.QueryAsync(query, ct);
        return ToValues(result, dimension);
    }

    /// <summary>Every tag key in the store, alphabetically (tag keys are few; the rollup keeps them per tag set).</summary>
    public async Task<IReadOnlyList<string>> TagKeysAsync(CancellationToken ct)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.TagEntries.Select(t => t.KeyId).Distinct().ToListAsync(ct);
        }

        var names = await dimensions.ResolveAsync(ids, ct);
        return [.. names.Values.Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Resources whose id or name contains <paramref name="term"/> (case-insensitive for ASCII) with costs in the state's
    /// range under its other filters: at most <see cref="ResourceSearchLimit"/>, the costliest first. Reads line items
    /// (resources are not in the rollup); the candidates are capped at <see cref="ResourceCandidateLimit"/>.
    /// </summary>
    public async Task<IReadOnlyList<FilterValue>> SearchResourcesAsync(ExplorerState state, string term, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        term = term.Trim();
        if (term.Length == 0)
        {
            return [];
        }

        var pattern = "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var candidates = new List<long>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText =
                "WITH matches AS (SELECT Id FROM DimensionValues WHERE Value LIKE @pattern ESCAPE '\\') " +
                "SELECT DISTINCT t.ResourceIdId FROM LineItems t " +
                "WHERE t.ChargeDay >= @from AND t.ChargeDay < @to AND t.ResourceIdId IS NOT NULL " +
                "AND (t.ResourceIdId IN (SELECT Id FROM matches) OR t.ResourceNameId IN (SELECT Id FROM matches)) " +
                "LIMIT @limit";
            command.Parameters.Add(new SqliteParameter("@pattern", pattern));
            command.Parameters.Add(new SqliteParameter("@from", CostQueryEngine.DayNumber(state.From)));
            command.Parameters.Add(new SqliteParameter("@to", CostQueryEngine.DayNumber(state.To)));
            command.Parameters.Add(new SqliteParameter("@limit", ResourceCandidateLimit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(reader.GetInt64(0));
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var resource = CostDimension.ForColumn("ResourceId");
        var names = await dimensions.ResolveAsync(candidates, ct);
        var filters = state.Filters.Where(f => f.Dimension != resource).Append(new CostFilter(resource, [.. names.Values])).ToList();
        var result = await engine.QueryAsync(new CostQuery(state.From, state.To, state.Metric, [resource], Granularity.None, filters), ct);
        return [.. ToValues(result, resource).Take(ResourceSearchLimit)];
    }

    private static List<FilterValue> ToValues(CostResult result, CostDimension dimension) =>
        result.Rows
            .GroupBy(r => r.Keys.GetValueOrDefault(dimension.Name) ?? "", StringComparer.Ordinal)
            .Select(g => new FilterValue(g.Key.Length == 0 ? null : g.Key,
                [.. g.GroupBy(r => r.BillingCurrency, StringComparer.Ordinal)
                    .Select(c => new CostTotal(c.Key, c.Sum(r => r.Cost)))
                    .OrderByDescending(c => c.Cost)]))
            .OrderByDescending(v => v.Costs.Max(c => Math.Abs(c.Cost)))
            .ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
