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
/// Counting stops at a limit (at least <see cref="CountLimit"/>), so a page over millions of rows does not pay for a
/// full count: the page then says "at least N".
/// </summary>
public sealed class LineItemQueryService(IDbContextFactory<FinOpsDbContext> dbFactory, DimensionCache dimensions)
{
    /// <summary>Counting stops past this many rows (or further when the page asked for lies beyond it).</summary>
    public const int CountLimit = 10_000;

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
        var countLimit = Math.Max(CountLimit, offset + 10L * request.PageSize);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        long count;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM {LineItemSchema.Table} t WHERE {where} LIMIT @countLimit)";
            command.Parameters.AddRange(Clone(parameters));
            command.Parameters.Add(new SqliteParameter("@countLimit", countLimit + 1));
            count = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        var rows = new List<LineItemRow>(request.PageSize);
        if (offset < count)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SelectList} FROM {LineItemSchema.Table} t{join} WHERE {where} ORDER BY {orderBy} LIMIT @limit OFFSET @offset";
            command.Parameters.AddRange(Clone(parameters));
            command.Parameters.Add(new SqliteParameter("@limit", request.PageSize));
            command.Parameters.Add(new SqliteParameter("@offset", offset));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var decoder = new Decoder(dimensions);
            await foreach (var row in decoder.DecodeAsync(reader, ct))
            {
                rows.Add(row);
            }
        }

        var capped = count > countLimit;
        return new LineItemPage(rows, request.PageIndex, request.PageSize, capped ? countLimit : count, capped);
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
