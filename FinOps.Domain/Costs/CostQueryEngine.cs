using System.Collections.Concurrent;
using System.Text;
using FinOps.Domain.Billing;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Costs;

/// <summary>
/// Id to string (and back) for <c>DimensionValues</c>. Committed values never change or disappear, so they are cached
/// for the life of the process.
/// </summary>
public sealed class DimensionCache(IDbContextFactory<FinOpsDbContext> dbFactory)
{
    private readonly ConcurrentDictionary<long, string> _values = new();
    private readonly ConcurrentDictionary<string, long> _ids = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<long, string>> ResolveAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Where(id => id != 0).Distinct().ToList();
        var missing = wanted.Where(id => !_values.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var chunk in missing.Chunk(500))
            {
                foreach (var value in await db.DimensionValues.Where(d => chunk.Contains(d.Id)).ToListAsync(ct))
                {
                    _values[value.Id] = value.Value;
                    _ids[value.Value] = value.Id;
                }
            }
        }

        return wanted.Where(_values.ContainsKey).ToDictionary(id => id, id => _values[id]);
    }

    /// <summary>The ids of the given strings that exist (unknown strings are left out).</summary>
    public async Task<IReadOnlyList<long>> FindIdsAsync(IEnumerable<string> values, CancellationToken ct)
    {
        var wanted = values.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(v => !_ids.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var chunk in missing.Chunk(500))
            {
                foreach (var value in await db.DimensionValues.Where(d => chunk.Contains(d.Value)).ToListAsync(ct))
                {
                    _values[value.Id] = value.Value;
                    _ids[value.Value] = value.Id;
                }
            }
        }

        return wanted.Where(_ids.ContainsKey).Select(v => _ids[v]).ToList();
    }
}

/// <summary>
/// Answers <see cref="CostQuery"/> exactly: SQLite sums the integer money parts (see <see cref="ExactMoney"/>) per
/// group and currency, from the daily rollup when every dimension involved is in it, else from the line items;
/// week and month buckets are folded from days in decimal. Every page, the API and the jobs use this one engine.
/// </summary>
public sealed class CostQueryEngine(IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions)
{
    private const string NoMatch = "-1";

    public async Task<CostResult> QueryAsync(CostQuery query, CancellationToken ct)
    {
        var useRollup = query.CanUseRollup;
        var table = useRollup ? RollupSchema.Table : LineItemSchema.Table;
        var metric = query.Metric.ToString();
        var parameters = new List<SqliteParameter>();
        var select = new StringBuilder();
        var joins = new StringBuilder();
        var where = new StringBuilder("t.ChargeDay >= @from AND t.ChargeDay < @to");
        parameters.Add(new SqliteParameter("@from", DayNumber(query.From)));
        parameters.Add(new SqliteParameter("@to", DayNumber(query.To)));

        var groupColumns = new List<string>();
        for (var i = 0; i < query.GroupBy.Count; i++)
        {
            var dimension = query.GroupBy[i];
            if (dimension.IsTag)
            {
                var keyIds = await dimensions.FindIdsAsync([dimension.TagKey!], ct);
                joins.Append(CultureInvariant($" LEFT JOIN TagEntries g{i} ON g{i}.TagSetId = t.TagSetId AND g{i}.KeyId = @gk{i}"));
                parameters.Add(new SqliteParameter($"@gk{i}", keyIds.Count > 0 ? keyIds[0] : -1));
                groupColumns.Add($"g{i}.ValueId");
            }
            else
            {
                groupColumns.Add($"t.{dimension.Column}Id");
            }
        }

        for (var i = 0; i < query.Filters.Count; i++)
        {
            where.Append(" AND ").Append(await FilterSqlAsync(query.Filters[i], i, parameters, ct));
        }

        var granular = query.Granularity != Granularity.None;
        foreach (var column in groupColumns)
        {
            select.Append(column).Append(", ");
        }

        if (granular)
        {
            select.Append("t.ChargeDay, ");
        }

        var groupList = new List<string>(groupColumns);
        if (granular)
        {
            groupList.Add("t.ChargeDay");
        }

        groupList.Add("t.BillingCurrencyId");
        var sql = $"SELECT {select}t.BillingCurrencyId, SUM(t.{metric}Nanos), SUM(t.{metric}Attos) FROM {table} t{joins} " +
                  $"WHERE {where} GROUP BY {string.Join(", ", groupList)}";

        var raw = new List<(long[] Keys, int Day, long Currency, long Nanos, long Attos)>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            var keyCount = groupColumns.Count;
            while (await reader.ReadAsync(ct))
            {
                var keys = new long[keyCount];
                for (var k = 0; k < keyCount; k++)
                {
                    keys[k] = reader.IsDBNull(k) ? 0 : reader.GetInt64(k);
                }

                var offset = keyCount;
                var day = granular ? reader.GetInt32(offset++) : 0;
                var currency = reader.IsDBNull(offset) ? 0 : reader.GetInt64(offset);
                var nanos = reader.IsDBNull(offset + 1) ? 0 : reader.GetInt64(offset + 1);
                var attos = reader.IsDBNull(offset + 2) ? 0 : reader.GetInt64(offset + 2);
                raw.Add((keys, day, currency, nanos, attos));
            }
        }

        var names = await dimensions.ResolveAsync(raw.SelectMany(r => r.Keys.Append(r.Currency)), ct);
        string? Name(long id) => id == 0 ? null : names.GetValueOrDefault(id);

        // Fold days into the requested buckets, summing exactly in decimal.
        var buckets = new Dictionary<(string Keys, DateOnly? Period, long Currency), (long[] Keys, decimal Cost)>();
        foreach (var row in raw)
        {
            DateOnly? period = granular ? Bucket(DateFromDay(row.Day), query.Granularity) : null;
            var keyText = string.Join('\u001f', row.Keys);
            var cost = ExactMoney.ToDecimal(row.Nanos, row.Attos);
            var bucketKey = (keyText, period, row.Currency);
            buckets[bucketKey] = buckets.TryGetValue(bucketKey, out var existing)
                ? (existing.Keys, existing.Cost + cost)
                : (row.Keys, cost);
        }

        var rows = buckets
            .Select(b =>
            {
                var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var k = 0; k < query.GroupBy.Count; k++)
                {
                    keys[query.GroupBy[k].Name] = Name(b.Value.Keys[k]);
                }

                return new CostRow(keys, b.Key.Period, Name(b.Key.Currency) ?? "", b.Value.Cost);
            })
            .OrderBy(r => r.Period)
            .ThenByDescending(r => r.Cost)
            .ThenBy(r => string.Join('\u001f', r.Keys.Values), StringComparer.Ordinal)
            .ToList();
        var totals = rows
            .GroupBy(r => r.BillingCurrency, StringComparer.Ordinal)
            .Select(g => new CostTotal(g.Key, g.Sum(r => r.Cost)))
            .OrderByDescending(t => t.Cost)
            .ToList();
        return new CostResult(query.Metric, rows, totals, useRollup);
    }

    private async Task<string> FilterSqlAsync(CostFilter filter, int index, List<SqliteParameter> parameters, CancellationToken ct)
    {
        var wantsEmpty = filter.Values.Any(string.IsNullOrEmpty);
        var values = filter.Values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        var ids = values.Count == 0 ? [] : await dimensions.FindIdsAsync(values, ct);
        var idList = ids.Count == 0 ? NoMatch : string.Join(", ", ids);
        var dimension = filter.Dimension;
        if (dimension.IsTag)
        {
            var keyIds = await dimensions.FindIdsAsync([dimension.TagKey!], ct);
            var key = keyIds.Count > 0 ? keyIds[0] : -1;
            parameters.Add(new SqliteParameter($"@fk{index}", key));
            var parts = new List<string>();
            if (values.Count > 0)
            {
                parts.Add($"t.TagSetId IN (SELECT TagSetId FROM TagEntries WHERE KeyId = @fk{index} AND ValueId IN ({idList}))");
            }

            if (wantsEmpty)
            {
                parts.Add($"(t.TagSetId IS NULL OR t.TagSetId NOT IN (SELECT TagSetId FROM TagEntries WHERE KeyId = @fk{index}))");
            }

            return "(" + string.Join(" OR ", parts) + ")";
        }

        var column = $"t.{dimension.Column}Id";
        var conditions = new List<string>();
        if (values.Count > 0)
        {
            conditions.Add($"{column} IN ({idList})");
        }

        if (wantsEmpty)
        {
            conditions.Add($"{column} IS NULL");
        }

        return "(" + string.Join(" OR ", conditions) + ")";
    }

    public static int DayNumber(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static DateOnly DateFromDay(int day) => DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(day);

    public static DateOnly Bucket(DateOnly date, Granularity granularity) => granularity switch
    {
        Granularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
