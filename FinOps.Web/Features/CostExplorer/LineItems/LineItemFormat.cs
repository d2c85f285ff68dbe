using System.Globalization;
using FinOps.Domain.Billing;
using FinOps.Domain.Costs.LineItems;

namespace FinOps.Web.Features.CostExplorer.LineItems;

/// <summary>How line-item values read on screen: money with its billing currency, timestamps in UTC, quantities exact.</summary>
public static class LineItemFormat
{
    /// <summary>A grid cell: money in the configured number format (e.g. N2) with the currency, other values as <see cref="Exact"/>.</summary>
    public static string Cell(LineItemRow row, FocusColumn column, string moneyFormat) => row[column] switch
    {
        null => "",
        decimal money when column.IsMoney => Money(money, row.BillingCurrency, moneyFormat),
        _ => Exact(row, column),
    };

    /// <summary>The whole value: money to its last decimal with the currency, timestamps to the second in UTC.</summary>
    public static string Exact(LineItemRow row, FocusColumn column) => row[column] switch
    {
        null => "",
        decimal money when column.IsMoney => $"{money.ToString(CultureInfo.InvariantCulture)} {row.BillingCurrency}".TrimEnd(),
        decimal quantity => quantity.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Money(decimal amount, string? currency, string moneyFormat) =>
        $"{amount.ToString(moneyFormat, CultureInfo.InvariantCulture)} {currency}".TrimEnd();

    /// <summary>"1–50 of 1,234" or "1–50 of 10,000+" when counting stopped at a limit.</summary>
    public static string Range(LineItemPage page)
    {
        if (page.Rows.Count == 0)
        {
            return page.TotalCount == 0 ? "No line items" : $"No rows on page {page.PageIndex + 1:N0} of {Total(page)}";
        }

        var first = (long)page.PageIndex * page.PageSize + 1;
        return $"{first:N0}–{first + page.Rows.Count - 1:N0} of {Total(page)}";
    }

    public static string Total(LineItemPage page) => page.TotalIsLowerBound ? $"{page.TotalCount:N0}+" : $"{page.TotalCount:N0}";
}

/// <summary>What the line-item view asks its page to put in the URL: 1-based page, sort (<c>Column:asc|desc</c>), page size and resource search.</summary>
public sealed record LineItemsNavigation(int Page, string Sort, int PageSize, string? ResourceSearch);
