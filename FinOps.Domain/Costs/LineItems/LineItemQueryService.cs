using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Costs.LineItems;

/// <summary>
/// The raw FOCUS rows behind a <see cref="CostQuery"/>: its date range and filters (every filter the engine supports,
/// tags and untagged included), an optional resource search, sorted on the server by any column, one page at a time
/// (<see cref="GetPageAsync"/>) or every matching row streamed in order (<see cref="StreamAsync"/>, for exports).
/// Rows are decoded back to the values of the source file: exact money, UTC timestamps, strings, tags, x_ columns.
/// The total is exact and costs no scan when the rollup can count the rows (every filter is on a rollup dimension,
/// decision 014), which also tells which days the page's rows are on; otherwise counting stops at a limit (at least
/// <see cref="CountLimit"/>), so a page over millions of rows does not pay for a full count: the page then says "at least N".
/// </summary>
public sealed class LineItemQueryService(IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions, CostQueryEngine engine)
{
    /// <summary>Counting stops past this many rows (or further when the page asked for lies beyond it).</summary>
    public const int CountLimit = 10_000;

    /// <summary>The index on (SliceId, ChargeDay): pages read the matching slices over the days the rollup says they need.</summary>
    private const string SliceDayIndex = "IX_LineItems_SliceId_ChargeDay";

    /// <summary>Rows decoded together: one dimension lookup per chunk, not per row.</summary>
    private const int ChunkSize = 1_000;

    private static readonly string SelectList = BuildSelectList();

    public async Task<LineItemPage> GetPageAsync(LineItemRequest request, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.PageIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PageSize, LineItemRequest.MaxPageSize);

        var parameters = new List<SqliteParameter>();
        var where = await LineItemSql.WhereAsync(request, dimensions, parameters, ct);
        var (join, orderBy) = LineItemSql.Order(request.Sort);
        var offset = (long)request.PageIndex * request.PageSize;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        var counts = await CountsByDayAsync(request, connection, where, parameters, ct);
        long count;
        var capped = false;
        var pageWhere = where;
        var pageSource = $"{LineItemSchema.Table} t";
        var pageParameters = parameters;
        if (counts is not null)
        {
            count = counts.PerDay.Sum();
            // The page's days replace the range's bounds (a second pair of bounds on the day would not bound the index walk).
            if (PageDays(request, counts.PerDay, offset + request.PageSize) is { } days)
            {
                pageParameters = [.. parameters.Select(p => p.ParameterName switch
                {
                    "@from" => new SqliteParameter("@from", days.From),
                    "@to" => new SqliteParameter("@to", days.To),
                    _ => p,
                })];
            }

            if (counts.Costliest is { } costliest)
            {
                // "Largest first": only the line items worth at least the threshold, on the places the rollup names.
                var money = request.Sort.Column;
                var (nanos, attos) = (LineItemSchema.NanosColumn(money), LineItemSchema.AttosColumn(money));
                var places = string.Join(" OR ", costliest.Places.Select(p => FormattableString.Invariant($"(t.SliceId = {p.Slice} AND t.ChargeDay = {p.Day})")));
                pageWhere += FormattableString.Invariant($" AND (t.{nanos} > {costliest.ThresholdNanos} OR (t.{nanos} = {costliest.ThresholdNanos} AND t.{attos} >= 0))") +
                             $" AND ({places})";
            }
            else
            {
                // Only the slices with matches, each walked over the page's days.
                pageWhere += $" AND t.SliceId IN ({string.Join(", ", counts.MatchingSlices)})";
            }

            pageSource += $" INDEXED BY {SliceDayIndex}";
        }
        else
        {
            var countLimit = Math.Max(CountLimit, offset + 10L * request.PageSize);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM {LineItemSchema.Table} t WHERE {where} LIMIT @countLimit)";
            command.Parameters.AddRange(Clone(parameters));
            command.Parameters.Add(new SqliteParameter("@countLimit", countLimit + 1));
            count = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            capped = count > countLimit;
            count = Math.Min(count, countLimit);
        }

        var rows = new List<LineItemRow>(request.PageSize);
        if (offset < count)
        {
            await using var command = connection.CreateCommand();
            // Two steps: the page's row ids first (the sorter then carries an id, not some 70 columns, for every
            // candidate row), then those rows' columns.
            command.CommandText = $"SELECT {SelectList} FROM {LineItemSchema.Table} t{join} WHERE t.Id IN " +
                                  $"(SELECT t.Id FROM {pageSource}{join} WHERE {pageWhere} ORDER BY {orderBy} LIMIT @limit OFFSET @offset) " +
                                  $"ORDER BY {orderBy}";
            command.Parameters.AddRange(Clone(pageParameters));
            command.Parameters.Add(new SqliteParameter("@limit", request.PageSize));
            command.Parameters.Add(new SqliteParameter("@offset", offset));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var decoder = new Decoder(dimensions);
            await foreach (var row in decoder.DecodeAsync(reader, ct))
            {
                rows.Add(row);
            }
        }

        return new LineItemPage(rows, request.PageIndex, request.PageSize, count, capped);
    }

    /// <summary>
    /// How many rows match, per day of the range, or null when the rollup cannot tell (a filter on a dimension it
    /// lacks). Days the rollup covers are counted from its row counts (decision 014); days before the line items that
    /// retention deleted (its audited cutoff) are counted in SQL, since the rollup still holds them.
    /// </summary>
    private async Task<LineItemCounts?> CountsByDayAsync(LineItemRequest request, DbConnection connection, string where, List<SqliteParameter> parameters, CancellationToken ct)
    {
        var query = request.Query;
        List<long>? resourceValueIds = null;
        if (!string.IsNullOrWhiteSpace(request.ResourceSearch))
        {
            resourceValueIds = [];
            await using var search = connection.CreateCommand();
            search.CommandText = $"SELECT Id FROM DimensionValues WHERE Value LIKE @resource ESCAPE '\\'";
            search.Parameters.Add(new SqliteParameter("@resource", parameters.Single(p => p.ParameterName == "@resource").Value));
            await using var reader = await search.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                resourceValueIds.Add(reader.GetInt64(0));
            }
        }

        var sort = request.Sort;
        var costliest = sort.Descending && sort.Column.IsMoney && Enum.TryParse<CostMetric>(sort.Column.Name, out var metric)
            ? new CostliestFirst(metric, checked(request.PageIndex * request.PageSize + request.PageSize))
            : null;
        var counts = await engine.LineItemCountsByDayAsync(query, resourceValueIds, costliest, ct);
        if (counts is null)
        {
            return null;
        }

        var from = CostQueryEngine.DayNumber(query.From);
        var deletedBefore = await RetentionCutoffAsync(connection, ct);
        if (deletedBefore is { } cutoff && cutoff > from)
        {
            // Rows left before the cutoff came in after the last run, in slices the rollup holds: the matching slices
            // still contain every match. The maxima, though, may be of deleted rows.
            counts = counts with { Costliest = null };
            var perDay = counts.PerDay;
            Array.Clear(perDay, 0, Math.Min(cutoff - from, perDay.Length));
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT t.ChargeDay, COUNT(*) FROM {LineItemSchema.Table} t INDEXED BY {SliceDayIndex} WHERE {where} " +
                                  $"AND t.ChargeDay < @retainedFrom AND t.SliceId IN ({string.Join(", ", counts.MatchingSlices)}) GROUP BY t.ChargeDay";
            command.Parameters.AddRange(Clone(parameters));
            command.Parameters.Add(new SqliteParameter("@retainedFrom", cutoff));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                perDay[reader.GetInt32(0) - from] = reader.GetInt64(1);
            }
        }

        return counts;
    }

    /// <summary>The latest day before which retention deleted line items (their rollup entries stay), if it ever did.</summary>
    private static async Task<int?> RetentionCutoffAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT NewValues FROM AuditEntries WHERE EntityType = 'LineItems' AND Action = @action";
        command.Parameters.Add(new SqliteParameter("@action", Administration.LineItemRetention.AuditAction));
        int? latest = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(0) && Administration.LineItemRetention.DeletedBefore(reader.GetString(0)) is { } before)
            {
                var day = CostQueryEngine.DayNumber(before);
                latest = latest is null ? day : Math.Max(latest.Value, day);
            }
        }

        return latest;
    }

    /// <summary>
    /// The days (from, to: day numbers) that hold the first <paramref name="needed"/> rows of the order: for the default
    /// order (by charge time) the newest (or oldest) days whose counts reach it; for any other order the first to the
    /// last day with a match. Null when nothing matches.
    /// </summary>
    private static (int From, int To)? PageDays(LineItemRequest request, long[] perDay, long needed)
    {
        var from = CostQueryEngine.DayNumber(request.Query.From);
        var first = Array.FindIndex(perDay, c => c > 0);
        if (first < 0)
        {
            return null;
        }

        var last = Array.FindLastIndex(perDay, c => c > 0);
        if (request.Sort.Column.Name == FocusColumns.ChargePeriodStart.Name)
        {
            long seen = 0;
            if (request.Sort.Descending)
            {
                var day = last;
                while (day > first && seen + perDay[day] < needed)
                {
                    seen += perDay[day--];
                }

                first = day;
            }
            else
            {
                var day = first;
                while (day < last && seen + perDay[day] < needed)
                {
                    seen += perDay[day++];
                }

                last = day;
            }
        }

        return (from + first, from + last + 1);
    }

    /// <summary>
    /// Every matching row in the request's order (paging is ignored), read and decoded a chunk at a time: memory stays
    /// bounded whatever the number of rows. The enumeration holds a read connection open until it ends.
    /// </summary>
    public async IAsyncEnumerable<LineItemRow> StreamAsync(LineItemRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new List<SqliteParameter>();
        var where = await LineItemSql.WhereAsync(request, dimensions, parameters, ct);
        var (join, orderBy) = LineItemSql.Order(request.Sort);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {SelectList} FROM {LineItemSchema.Table} t{join} WHERE {where} ORDER BY {orderBy}";
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var decoder = new Decoder(dimensions);
        await foreach (var row in decoder.DecodeAsync(reader, ct))
        {
            yield return row;
        }
    }

    private static SqliteParameter[] Clone(List<SqliteParameter> parameters) =>
        parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value)).ToArray();

    /// <summary>Id, ImportId, SourceLine, then each FOCUS column in catalogue order (money as its two parts), then Extensions.</summary>
    private static string BuildSelectList()
    {
        var names = new List<string> { "t.Id", "t.ImportId", "t.SourceLine" };
        foreach (var column in FocusColumns.All)
        {
            if (column.IsMoney)
            {
                names.Add("t." + LineItemSchema.NanosColumn(column));
                names.Add("t." + LineItemSchema.AttosColumn(column));
            }
            else
            {
                names.Add("t." + LineItemSchema.StorageColumn(column));
            }
        }

        names.Add("t.Extensions");
        return string.Join(", ", names);
    }

    /// <summary>Reads raw rows a chunk at a time, resolves the chunk's dimension ids at once, and decodes.</summary>
    private sealed class Decoder(DimensionCache dimensions)
    {
        private readonly Dictionary<long, IReadOnlyDictionary<string, string>> _tagSets = [];
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _extensions = new(StringComparer.Ordinal);

        public async IAsyncEnumerable<LineItemRow> DecodeAsync(DbDataReader reader, [EnumeratorCancellation] CancellationToken ct)
        {
            var chunk = new List<object?[]>(ChunkSize);
            while (true)
            {
                chunk.Clear();
                while (chunk.Count < ChunkSize && await reader.ReadAsync(ct))
                {
                    var raw = new object?[reader.FieldCount];
                    for (var i = 0; i < raw.Length; i++)
                    {
                        raw[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    chunk.Add(raw);
                }

                if (chunk.Count == 0)
                {
                    yield break;
                }

                var names = await dimensions.ResolveAsync(chunk.SelectMany(DimensionIds), ct);
                foreach (var raw in chunk)
                {
                    yield return Decode(raw, names);
                }
            }
        }

        private static IEnumerable<long> DimensionIds(object?[] raw)
        {
            var ordinal = 3;
            foreach (var column in FocusColumns.All)
            {
                if (column.IsMoney)
                {
                    ordinal += 2;
                    continue;
                }

                if ((column.Kind == FocusValueKind.Dimension || column.Name == "Tags") && raw[ordinal] is long id)
                {
                    yield return id;
                }

                ordinal++;
            }
        }

        private LineItemRow Decode(object?[] raw, IReadOnlyDictionary<long, string> names)
        {
            var values = new object?[FocusColumns.All.Count];
            IReadOnlyDictionary<string, string> tags = Empty;
            var ordinal = 3;
            for (var c = 0; c < FocusColumns.All.Count; c++)
            {
                var column = FocusColumns.All[c];
                switch (column.Kind)
                {
                    case FocusValueKind.Money:
                        values[c] = raw[ordinal] is long nanos ? ExactMoney.ToDecimal(nanos, raw[ordinal + 1] as long? ?? 0) : null;
                        ordinal += 2;
                        continue;
                    case FocusValueKind.DateTime:
                        values[c] = raw[ordinal] is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
                        break;
                    case FocusValueKind.Dimension:
                        values[c] = raw[ordinal] is long id ? names.GetValueOrDefault(id) : null;
                        break;
                    case FocusValueKind.Quantity:
                        values[c] = raw[ordinal] is string quantity ? decimal.Parse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
                        break;
                    case FocusValueKind.Json when column.Name == "Tags":
                        if (raw[ordinal] is long tagSet && names.TryGetValue(tagSet, out var json))
                        {
                            tags = TagSet(tagSet, json);
                            values[c] = json;
                        }

                        break;
                    default:
                        values[c] = raw[ordinal] as string;
                        break;
                }

                ordinal++;
            }

            var extensions = raw[ordinal] is string extensionJson ? Extensions(extensionJson) : Empty;
            return new LineItemRow((long)raw[0]!, (long)raw[1]!, (long)raw[2]!, values, tags, extensions);
        }

        private IReadOnlyDictionary<string, string> TagSet(long id, string json)
        {
            if (!_tagSets.TryGetValue(id, out var tags))
            {
                _tagSets[id] = tags = ParseStringObject(json);
            }

            return tags;
        }

        /// <summary>Extension objects repeat across rows: parse each distinct one once (a bounded memo).</summary>
        private IReadOnlyDictionary<string, string> Extensions(string json)
        {
            if (_extensions.TryGetValue(json, out var parsed))
            {
                return parsed;
            }

            parsed = ParseStringObject(json);
            if (_extensions.Count < 10_000)
            {
                _extensions[json] = parsed;
            }

            return parsed;
        }

        private static Dictionary<string, string> ParseStringObject(string json)
        {
            using var document = JsonDocument.Parse(json);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return result;
        }

        private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
    }
}
