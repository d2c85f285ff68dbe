namespace FinOps.Domain.Costs.Export;

/// <summary>
/// Text cells that a spreadsheet could take for a formula are neutralised as OWASP recommends for CSV injection: a text
/// value that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading single quote,
/// which spreadsheets show as text. Numbers are never passed through here: they stay numbers.
/// </summary>
public static class SpreadsheetText
{
    public static string Escape(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
