using System.Globalization;
using System.Text;

namespace FinOps.Domain.Costs.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> as RFC 4180 CSV: UTF-8 with a byte-order mark (so Excel reads the encoding),
/// CRLF line ends, fields quoted when they hold a comma, a quote, a line break or edge spaces, numbers in invariant
/// form with every decimal, timestamps as ISO 8601 UTC. Rows are written as they are produced; the writer's buffer is
/// flushed to the output every <see cref="FlushEveryRows"/> rows, so memory stays bounded for any number of rows.
/// </summary>
public static class CsvExportWriter
{
    public const int FlushEveryRows = 1_000;

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(ExportTable table, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(1024);
        AppendLine(line, table.Columns.Select(c => (object?)c.Name).ToArray(), header: true, table.Columns);
        await writer.WriteAsync(line, ct);
        var rows = 0;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            line.Clear();
            AppendLine(line, row, header: false, table.Columns);
            await writer.WriteAsync(line, ct);
            if (++rows % FlushEveryRows == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
    }

    private static void AppendLine(StringBuilder line, object?[] values, bool header, IReadOnlyList<ExportColumn> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var text = header ? (string)values[i]! : Format(values[i], columns[i].Kind);
            AppendField(line, text);
        }

        line.Append("\r\n");
    }

    /// <summary>One value as CSV text (before quoting): escaped text, invariant numbers, ISO timestamps and dates.</summary>
    public static string Format(object? value, ExportColumnKind kind) => value switch
    {
        null => "",
        string text => kind == ExportColumnKind.Text ? SpreadsheetText.Escape(text) : text,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => SpreadsheetText.Escape(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
    };

    private static void AppendField(StringBuilder line, string text)
    {
        var quote = text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' ');
        if (!quote)
        {
            line.Append(text);
            return;
        }

        line.Append('"');
        foreach (var c in text)
        {
            if (c == '"')
            {
                line.Append('"');
            }

            line.Append(c);
        }

        line.Append('"');
    }
}
