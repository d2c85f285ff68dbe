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
/// keys, and a bounded resource search by id or name.
/// </summary>
public sealed class ExplorerService(CostQueryEngine engine, IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions)
{
    /// <summary>At most this many resources come back from a search.</summary>
    public const int ResourceSearchLimit = 50;

    /// <summary>Strings matching a resource search that are considered (keeps a very broad term bounded).</summary>
    public const int ResourceCandidateLimit = 20_000;

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
    /// range under its other filters: at most <see cref="ResourceSearchLimit"/>, the costliest first. The matching
    /// strings come from the dimension dictionary (at most <see cref="ResourceCandidateLimit"/> of them, so a very broad
    /// term stays bounded); their costs from the rollup, which holds ResourceId and ResourceName (decision 014).
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
        var matches = new List<(long Id, string Value)>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT Id, Value FROM DimensionValues WHERE Value LIKE @pattern ESCAPE '\\' LIMIT @limit";
            command.Parameters.Add(new SqliteParameter("@pattern", pattern));
            command.Parameters.Add(new SqliteParameter("@limit", ResourceCandidateLimit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                matches.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        if (matches.Count == 0)
        {
            return [];
        }

        dimensions.Remember(matches);
        var values = matches.Select(m => (string?)m.Value).ToList();
        var resource = CostDimension.ForColumn("ResourceId");
        var others = state.Filters.Where(f => f.Dimension != resource).ToList();
        var byId = engine.QueryAsync(new CostQuery(state.From, state.To, state.Metric, [resource], Granularity.None,
            [.. others, new CostFilter(resource, values)]), ct);
        var byName = engine.QueryAsync(new CostQuery(state.From, state.To, state.Metric, [resource], Granularity.None,
            [.. others, new CostFilter(CostDimension.ForColumn("ResourceName"), values)]), ct);
        await Task.WhenAll(byId, byName);

        // A resource found by both its id and its name has the same costs in both answers: keep one.
        var found = ToValues(await byId, resource).Where(v => v.Value is not null).ToDictionary(v => v.Value!, StringComparer.Ordinal);
        foreach (var value in ToValues(await byName, resource).Where(v => v.Value is not null))
        {
            found.TryAdd(value.Value!, value);
        }

        return [.. found.Values
            .OrderByDescending(v => v.Costs.Max(c => Math.Abs(c.Cost)))
            .ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
            .Take(ResourceSearchLimit)];
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
