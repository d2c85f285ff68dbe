using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
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

    /// <summary>Records id/string pairs read elsewhere from <c>DimensionValues</c> (a search), so lookups need no query.</summary>
    public void Remember(IEnumerable<(long Id, string Value)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (id, value) in pairs)
        {
            _values[id] = value;
            _ids[value] = id;
        }
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

/// <summary>Matching line items per day of a range (index 0 = its first day) and the slices that hold them.</summary>
internal sealed record LineItemCounts(long[] PerDay, IReadOnlyList<long> MatchingSlices, CostliestDays? Costliest = null);

/// <summary>Asks <see cref="CostQueryEngine.LineItemCountsByDayAsync"/> where the first <paramref name="Needed"/> line items of "largest <paramref name="Metric"/> first" lie.</summary>
internal sealed record CostliestFirst(CostMetric Metric, int Needed)
{
    /// <summary>Beyond this many (slice, day) places the index walk would cost about as much as reading the range.</summary>
    public const int MaxPlaces = 400;
}

/// <summary>Every line item worth at least <paramref name="ThresholdNanos"/> (whole nanos) is on one of these (slice, day) places, and at least the needed number are.</summary>
internal sealed record CostliestDays(long ThresholdNanos, IReadOnlyList<(long Slice, int Day)> Places);

/// <summary>
/// Answers <see cref="CostQuery"/> exactly. When every dimension involved is in the daily rollup, from the rollup held
/// in memory by <see cref="RollupCache"/> (decision 012): one pass over the entries in range, summing the integer
/// money parts (see <see cref="ExactMoney"/>) per group, period and currency. Otherwise SQLite sums them over the line
/// items. Every page, the API and the jobs use this one engine.
/// </summary>
public sealed class CostQueryEngine(IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions, RollupCache rollup)
{
    private const string NoMatch = "-1";

    private readonly record struct RawRow(long[] Keys, int Day, long Currency, long Nanos, long Attos);

    public Task<CostResult> QueryAsync(CostQuery query, CancellationToken ct) => QueryAsync(query, fromLineItems: false, ct);

    /// <summary>As <see cref="QueryAsync(CostQuery, CancellationToken)"/>; <paramref name="fromLineItems"/> skips the rollup (tests compare both paths).</summary>
    internal async Task<CostResult> QueryAsync(CostQuery query, bool fromLineItems, CancellationToken ct)
    {
        var useRollup = query.CanUseRollup && !fromLineItems;
        var granular = query.Granularity != Granularity.None;
        var raw = useRollup ? await AggregateRollupAsync(query, ct) : await AggregateLineItemsAsync(query, ct);

        var ids = new HashSet<long>();
        foreach (var row in raw)
        {
            ids.Add(row.Currency);
            foreach (var key in row.Keys)
            {
                ids.Add(key);
            }
        }

        var names = await dimensions.ResolveAsync(ids, ct);
        string? Name(long id) => id == 0 ? null : names.GetValueOrDefault(id);

        // The rollup path already sums per bucket (each raw row is one answer row); line items come per day and are
        // folded into buckets in decimal.
        var rowCount = raw.Count;
        var groups = new List<(long[] Keys, DateOnly? Period, long Currency, decimal Cost)>(rowCount);
        if (useRollup)
        {
            foreach (var row in raw)
            {
                groups.Add((row.Keys, granular ? DateFromDay(row.Day) : null, row.Currency, ExactMoney.ToDecimal(row.Nanos, row.Attos)));
            }
        }
        else
        {
            var buckets = new Dictionary<(string Keys, DateOnly? Period, long Currency), int>();
            foreach (var row in raw)
            {
                DateOnly? period = granular ? Bucket(DateFromDay(row.Day), query.Granularity) : null;
                var cost = ExactMoney.ToDecimal(row.Nanos, row.Attos);
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, (string.Join('\u001f', row.Keys), period, row.Currency), out var known);
                if (known)
                {
                    var existing = groups[index];
                    groups[index] = existing with { Cost = existing.Cost + cost };
                }
                else
                {
                    index = groups.Count;
                    groups.Add((row.Keys, period, row.Currency, cost));
                }
            }
        }

        // Rows: by period, then cost (largest first), then the group names (ordinal, empty first), then currency.
        var keyNames = query.GroupBy.Select(g => g.Name).ToArray();
        var rows = new CostRow[groups.Count];
        var values = new string?[groups.Count][];
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            var (keys, period, currency, cost) = groups[i];
            var rowValues = new string?[keyNames.Length];
            for (var k = 0; k < rowValues.Length; k++)
            {
                rowValues[k] = Name(keys[k]);
            }

            var currencyName = Name(currency) ?? "";
            rows[i] = new CostRow(new GroupKeyDictionary(keyNames, rowValues), period, currencyName, cost);
            values[i] = rowValues;
            CollectionsMarshal.GetValueRefOrAddDefault(totals, currencyName, out _) += cost;
        }

        var order = new int[rows.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byPeriod = Nullable.Compare(rows[a].Period, rows[b].Period);
            if (byPeriod != 0)
            {
                return byPeriod;
            }

            var byCost = rows[b].Cost.CompareTo(rows[a].Cost);
            if (byCost != 0)
            {
                return byCost;
            }

            for (var k = 0; k < keyNames.Length; k++)
            {
                var byName = string.CompareOrdinal(values[a][k] ?? "", values[b][k] ?? "");
                if (byName != 0)
                {
                    return byName;
                }
            }

            return string.CompareOrdinal(rows[a].BillingCurrency, rows[b].BillingCurrency);
        });
        var sorted = new CostRow[rows.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = rows[order[i]];
        }

        var currencyTotals = totals
            .Select(t => new CostTotal(t.Key, t.Value))
            .OrderByDescending(t => t.Cost)
            .ThenBy(t => t.BillingCurrency, StringComparer.Ordinal)
            .ToList();
        return new CostResult(query.Metric, sorted, currencyTotals, useRollup);
    }

    /// <summary>
    /// How one group-by or filter dimension reads the in-memory rollup: a rollup column, or a tag key whose value per
    /// entry each chunk derives once from its tag sets and keeps (tag sets never change once written).
    /// </summary>
    private sealed class RollupAccessor(int column, int tagKey, Dictionary<int, int>? tagValues)
    {
        public RollupIdColumn ColumnOf(RollupSegment segment) => column >= 0
            ? segment.Dimensions[column]
            : tagValues is null ? RollupIdColumn.Same(0) : segment.TagColumn(tagKey, tagValues);
    }

    private readonly record struct GroupCell(long Group, int Bucket, int Currency);

    private struct MoneySum
    {
        public long Nanos;
        public long Attos;
    }

    /// <summary>Sums the in-memory rollup per group, period and currency in one pass over the entries in range.</summary>
    private async Task<List<RawRow>> AggregateRollupAsync(CostQuery query, CancellationToken ct)
    {
        var snapshot = await rollup.CurrentAsync(ct);
        var from = DayNumber(query.From);
        var to = DayNumber(query.To);
        var groups = new RollupAccessor[query.GroupBy.Count];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = await AccessorAsync(query.GroupBy[g], snapshot, ct);
        }

        var filters = await RollupFiltersAsync(query, snapshot, ct);

        // The first day of each day's bucket (the day itself for Day; unused without granularity).
        var granularity = query.Granularity;
        var bucketOf = new int[Math.Max(0, to - from)];
        for (var day = from; day < to && granularity != Granularity.None; day++)
        {
            bucketOf[day - from] = DayNumber(Bucket(DateFromDay(day), granularity));
        }

        var metric = (int)query.Metric;
        var currencyColumn = RollupColumn("BillingCurrency");
        // Group key: the ids of up to two group-bys packed in a long; from the third on, pairs interned left to right.
        var pairs = new Dictionary<(long, int), int>();
        var pairList = new List<(long Left, int Right)>();
        var cells = new Dictionary<GroupCell, MoneySum>();
        var rowFilters = new List<(RollupIdColumn Column, HashSet<int> Allowed)>(filters.Count);
        var groupColumns = new RollupIdColumn[groups.Length];
        foreach (var segment in snapshot.Segments)
        {
            if (segment.Count == 0 || segment.MaxDay < from || segment.MinDay >= to)
            {
                continue;
            }

            if (!PrepareRowFilters(filters, segment, rowFilters))
            {
                continue;
            }

            for (var g = 0; g < groups.Length; g++)
            {
                groupColumns[g] = groups[g].ColumnOf(segment);
            }

            var first = segment.FirstOnOrAfter(from);
            var end = segment.FirstOnOrAfter(to);
            var nanos = segment.Nanos[metric];
            var attos = segment.Attos[metric];
            var currencies = segment.Dimensions[currencyColumn];
            for (var entry = first; entry < end; entry++)
            {
                if (!Matches(rowFilters, entry))
                {
                    continue;
                }

                long group = groupColumns.Length switch
                {
                    0 => 0,
                    1 => groupColumns[0][entry],
                    _ => ((long)groupColumns[0][entry] << 32) | (uint)groupColumns[1][entry],
                };
                for (var g = 2; g < groupColumns.Length; g++)
                {
                    ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, (group, groupColumns[g][entry]), out var known);
                    if (!known)
                    {
                        pair = pairList.Count;
                        pairList.Add((group, groupColumns[g][entry]));
                    }

                    group = pair;
                }

                var bucket = granularity == Granularity.None ? 0 : bucketOf[segment.Days[entry] - from];
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(cells, new GroupCell(group, bucket, currencies[entry]), out _);
                if (nanos is not null)
                {
                    sum.Nanos = checked(sum.Nanos + nanos[entry]);
                    sum.Attos += attos![entry]; // each |attos| < 1e9: no overflow below 9 billion entries
                }
            }
        }

        var raw = new List<RawRow>(cells.Count);
        foreach (var (cell, sum) in cells)
        {
            var keys = new long[groups.Length];
            var group = cell.Group;
            for (var g = groups.Length - 1; g >= 2; g--)
            {
                (group, var value) = pairList[(int)group];
                keys[g] = value;
            }

            if (groups.Length >= 2)
            {
                keys[0] = (int)(group >> 32);
                keys[1] = (int)(uint)group;
            }
            else if (groups.Length == 1)
            {
                keys[0] = group;
            }

            raw.Add(new RawRow(keys, cell.Bucket, cell.Currency, sum.Nanos, sum.Attos));
        }

        return raw;
    }

    /// <summary>
    /// How many line items match <paramref name="query"/>'s range and filters, per day from From (index 0) to To, read
    /// from the rollup's row counts (exact: every line item is counted in exactly one entry). When
    /// <paramref name="resourceValueIds"/> is given, only entries whose ResourceId or ResourceName is one of them count
    /// (the line-item list's resource search). Also which slices hold matches, and (<paramref name="costliest"/>) where
    /// the first rows of a "largest first" order lie.
    /// Null when a filter needs a dimension the rollup lacks.
    /// </summary>
    internal async Task<LineItemCounts?> LineItemCountsByDayAsync(CostQuery query, IReadOnlyCollection<long>? resourceValueIds, CostliestFirst? costliest,
        CancellationToken ct)
    {
        if (!query.Filters.All(f => f.Dimension.InRollup))
        {
            return null;
        }

        var snapshot = await rollup.CurrentAsync(ct);
        var from = DayNumber(query.From);
        var to = DayNumber(query.To);
        var counts = new long[Math.Max(0, to - from)];
        var filters = await RollupFiltersAsync(query, snapshot, ct);
        var resourceSet = resourceValueIds?.Select(id => checked((int)id)).ToHashSet();
        var resourceColumn = RollupColumn("ResourceId");
        var resourceNameColumn = RollupColumn("ResourceName");
        var rowFilters = new List<(RollupIdColumn Column, HashSet<int> Allowed)>(filters.Count);
        var matchingSlices = new HashSet<long>();
        var maxima = costliest is null ? null : new List<(long Max, long Slice, int Day)>();
        var metric = costliest is null ? 0 : (int)costliest.Metric;
        foreach (var segment in snapshot.Segments)
        {
            if (segment.Count == 0 || segment.MaxDay < from || segment.MinDay >= to)
            {
                continue;
            }

            if (!PrepareRowFilters(filters, segment, rowFilters))
            {
                continue;
            }

            var ids = segment.Dimensions[resourceColumn];
            var names = segment.Dimensions[resourceNameColumn];
            var segmentMaxima = segment.MaxFloorNanos[metric];
            var end = segment.FirstOnOrAfter(to);
            for (var entry = segment.FirstOnOrAfter(from); entry < end; entry++)
            {
                if (Matches(rowFilters, entry) && (resourceSet is null || resourceSet.Contains(ids[entry]) || resourceSet.Contains(names[entry])))
                {
                    counts[segment.Days[entry] - from] += segment.RowCounts[entry];
                    matchingSlices.Add(segment.SliceId);
                    if (maxima is not null && segmentMaxima is not null && segmentMaxima[entry] != long.MinValue)
                    {
                        maxima.Add((segmentMaxima[entry], segment.SliceId, segment.Days[entry]));
                    }
                }
            }
        }

        return new LineItemCounts(counts, [.. matchingSlices.Order()],
            maxima is null ? null : CostliestDays(maxima, costliest!.Needed));
    }

    /// <summary>
    /// Where the first <paramref name="needed"/> rows of a "largest first" order lie: each entry has a line item worth
    /// at least its rounded-down maximum, so at least <paramref name="needed"/> line items are worth at least the
    /// <paramref name="needed"/>-th largest maximum (the threshold), and every line item worth that much sits in an entry
    /// whose maximum reaches it. Null when fewer entries have a value or when they spread over too many (slice, day)s.
    /// </summary>
    private static CostliestDays? CostliestDays(List<(long Max, long Slice, int Day)> maxima, int needed)
    {
        if (needed <= 0 || maxima.Count < needed)
        {
            return null;
        }

        var smallestOfTop = new PriorityQueue<long, long>(needed + 1);
        foreach (var (max, _, _) in maxima)
        {
            smallestOfTop.Enqueue(max, max);
            if (smallestOfTop.Count > needed)
            {
                smallestOfTop.Dequeue();
            }
        }

        var threshold = smallestOfTop.Peek();
        var places = new HashSet<(long Slice, int Day)>();
        foreach (var (max, slice, day) in maxima)
        {
            if (max >= threshold && places.Add((slice, day)) && places.Count > CostliestFirst.MaxPlaces)
            {
                return null;
            }
        }

        return new CostliestDays(threshold, [.. places.OrderBy(p => p.Slice).ThenBy(p => p.Day)]);
    }

    /// <summary>Each filter's rollup accessor and allowed ids (0 stands for empty / untagged; unknown values match nothing).</summary>
    private async Task<List<(RollupAccessor Accessor, HashSet<int> Allowed)>> RollupFiltersAsync(CostQuery query, RollupSnapshot snapshot, CancellationToken ct)
    {
        var filters = new List<(RollupAccessor Accessor, HashSet<int> Allowed)>();
        foreach (var filter in query.Filters)
        {
            var allowed = new HashSet<int>();
            if (filter.Values.Any(string.IsNullOrEmpty))
            {
                allowed.Add(0); // empty / untagged
            }

            var values = filter.Values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            foreach (var id in values.Count == 0 ? [] : await dimensions.FindIdsAsync(values, ct))
            {
                allowed.Add(checked((int)id));
            }

            filters.Add((await AccessorAsync(filter.Dimension, snapshot, ct), allowed));
        }

        return filters;
    }

    /// <summary>
    /// False when a filter on a column that holds one value for the whole chunk excludes it (decided once, not per
    /// entry); otherwise fills <paramref name="rowFilters"/> with the filters left to check per entry.
    /// </summary>
    private static bool PrepareRowFilters(List<(RollupAccessor Accessor, HashSet<int> Allowed)> filters, RollupSegment segment,
        List<(RollupIdColumn Column, HashSet<int> Allowed)> rowFilters)
    {
        rowFilters.Clear();
        foreach (var (accessor, allowed) in filters)
        {
            var column = accessor.ColumnOf(segment);
            if (!column.IsConstant)
            {
                rowFilters.Add((column, allowed));
            }
            else if (!allowed.Contains(column.Constant))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(List<(RollupIdColumn Column, HashSet<int> Allowed)> rowFilters, int entry)
    {
        foreach (var (column, allowed) in rowFilters)
        {
            if (!allowed.Contains(column[entry]))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<RollupAccessor> AccessorAsync(CostDimension dimension, RollupSnapshot snapshot, CancellationToken ct)
    {
        if (!dimension.IsTag)
        {
            return new RollupAccessor(RollupColumn(dimension.Column!), 0, null);
        }

        var keyIds = await dimensions.FindIdsAsync([dimension.TagKey!], ct);
        var key = keyIds.Count > 0 ? checked((int)keyIds[0]) : 0;
        var values = keyIds.Count > 0 ? snapshot.TagValuesByKey.GetValueOrDefault(key) : null;
        return new RollupAccessor(-1, key, values);
    }

    private static int RollupColumn(string focusColumn)
    {
        for (var i = 0; i < RollupSchema.DimensionColumns.Count; i++)
        {
            if (string.Equals(RollupSchema.DimensionColumns[i], focusColumn, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{focusColumn} is not in the daily rollup.");
    }

    /// <summary>Sums line items in SQLite per group, day (when bucketed) and currency.</summary>
    private async Task<List<RawRow>> AggregateLineItemsAsync(CostQuery query, CancellationToken ct)
    {
        var granular = query.Granularity != Granularity.None;
        var table = LineItemSchema.Table;
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

        var raw = new List<RawRow>();
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
                raw.Add(new RawRow(keys, day, currency, nanos, attos));
            }
        }

        return raw;
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
