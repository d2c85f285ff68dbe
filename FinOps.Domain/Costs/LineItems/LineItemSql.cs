using System.Globalization;
using System.Text;
using FinOps.Domain.Billing;
using Microsoft.Data.Sqlite;

namespace FinOps.Domain.Costs.LineItems;

/// <summary>
/// Builds the WHERE and ORDER BY clauses of line-item queries over the <c>LineItems</c> table (alias <c>t</c>), with the
/// same filter meaning as <see cref="CostQueryEngine"/>: values of one dimension are alternatives, an empty value means
/// "empty" (or "untagged" for a tag key), and a value that was never imported matches nothing.
/// </summary>
internal static class LineItemSql
{
    private const string NoMatch = "-1";

    public static async Task<string> WhereAsync(LineItemRequest request, DimensionCache dimensions, List<SqliteParameter> parameters, CancellationToken ct)
    {
        var query = request.Query;
        var where = new StringBuilder("t.ChargeDay >= @from AND t.ChargeDay < @to");
        parameters.Add(new SqliteParameter("@from", CostQueryEngine.DayNumber(query.From)));
        parameters.Add(new SqliteParameter("@to", CostQueryEngine.DayNumber(query.To)));
        for (var i = 0; i < query.Filters.Count; i++)
        {
            where.Append(" AND ").Append(await FilterAsync(query.Filters[i], i, dimensions, parameters, ct));
        }

        if (!string.IsNullOrWhiteSpace(request.ResourceSearch))
        {
            parameters.Add(new SqliteParameter("@resource", "%" + EscapeLike(request.ResourceSearch.Trim()) + "%"));
            const string matching = "(SELECT Id FROM DimensionValues WHERE Value LIKE @resource ESCAPE '\\')";
            where.Append(CultureInfo.InvariantCulture, $" AND (t.ResourceIdId IN {matching} OR t.ResourceNameId IN {matching})");
        }

        return where.ToString();
    }

    /// <summary>The join (if any) and the ORDER BY list for a sort; the row id breaks ties so pages never overlap.</summary>
    public static (string Join, string OrderBy) Order(LineItemSort sort)
    {
        var direction = sort.Descending ? "DESC" : "ASC";
        var column = sort.Column;
        return column.Kind switch
        {
            // ChargeDay is ChargePeriodStart's day: leading with it lets an index on the day serve the default order.
            FocusValueKind.DateTime when column.Name == FocusColumns.ChargePeriodStart.Name =>
                ("", $"t.ChargeDay {direction}, t.ChargePeriodStart {direction}, t.Id {direction}"),
            FocusValueKind.DateTime => ("", $"t.{column.Name} {direction}, t.Id {direction}"),
            // Same sign for both parts and |Attos| < 1e9: (Nanos, Attos) orders exactly as the value.
            FocusValueKind.Money => ("", $"t.{LineItemSchema.NanosColumn(column)} {direction}, t.{LineItemSchema.AttosColumn(column)} {direction}, t.Id {direction}"),
            // Interned strings (and the tag set's canonical JSON) are ordered by their text.
            FocusValueKind.Dimension => (JoinValue(column), $"s.Value {direction}, t.Id {direction}"),
            FocusValueKind.Json when column.Name == "Tags" => (JoinValue(column), $"s.Value {direction}, t.Id {direction}"),
            // Quantities are canonical decimal text: order them as numbers.
            FocusValueKind.Quantity => ("", $"CAST(t.{column.Name} AS REAL) {direction}, t.Id {direction}"),
            _ => ("", $"t.{column.Name} {direction}, t.Id {direction}"),
        };
    }

    private static string JoinValue(FocusColumn column) => $" LEFT JOIN DimensionValues s ON s.Id = t.{LineItemSchema.StorageColumn(column)}";

    private static async Task<string> FilterAsync(CostFilter filter, int index, DimensionCache dimensions, List<SqliteParameter> parameters, CancellationToken ct)
    {
        var wantsEmpty = filter.Values.Any(string.IsNullOrEmpty);
        var values = filter.Values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        var ids = values.Count == 0 ? [] : await dimensions.FindIdsAsync(values, ct);
        var idList = ids.Count == 0 ? NoMatch : string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var conditions = new List<string>();
        if (filter.Dimension.IsTag)
        {
            var keyIds = await dimensions.FindIdsAsync([filter.Dimension.TagKey!], ct);
            parameters.Add(new SqliteParameter($"@fk{index}", keyIds.Count > 0 ? keyIds[0] : -1));
            if (values.Count > 0)
            {
                conditions.Add($"t.TagSetId IN (SELECT TagSetId FROM TagEntries WHERE KeyId = @fk{index} AND ValueId IN ({idList}))");
            }

            if (wantsEmpty)
            {
                conditions.Add($"(t.TagSetId IS NULL OR t.TagSetId NOT IN (SELECT TagSetId FROM TagEntries WHERE KeyId = @fk{index}))");
            }
        }
        else
        {
            var column = $"t.{filter.Dimension.Column}Id";
            if (values.Count > 0)
            {
                conditions.Add($"{column} IN ({idList})");
            }

            if (wantsEmpty)
            {
                conditions.Add($"{column} IS NULL");
            }
        }

        return "(" + string.Join(" OR ", conditions) + ")";
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
