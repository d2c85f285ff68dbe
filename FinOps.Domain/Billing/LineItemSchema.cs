namespace FinOps.Domain.Billing;

/// <summary>
/// Where each FOCUS column lives in the <c>LineItems</c> table. Money is split in two integer columns
/// (<see cref="ExactMoney"/>), timestamps are Unix seconds, repeated strings are ids into <c>DimensionValues</c>,
/// quantities are canonical decimal text and JSON is text. Tags are an id of the canonical tag-set JSON.
/// </summary>
public static class LineItemSchema
{
    public const string Table = "LineItems";

    /// <summary>The database column that holds a dimension's id (or, for time columns, Unix seconds).</summary>
    public static string StorageColumn(FocusColumn column) => column.Kind switch
    {
        FocusValueKind.Dimension => column.Name + "Id",
        FocusValueKind.Json when column.Name == "Tags" => "TagSetId",
        FocusValueKind.Money => throw new InvalidOperationException($"{column.Name} is money: use NanosColumn/AttosColumn."),
        _ => column.Name,
    };

    public static string NanosColumn(FocusColumn money) => money.Name + "Nanos";

    public static string AttosColumn(FocusColumn money) => money.Name + "Attos";
}
