using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace FinOps.Tests.Support;

/// <summary>Reads exported files back exactly, independently of the writers: RFC 4180 CSV, and the XLSX sheet XML.</summary>
public static class ExportFiles
{
    /// <summary>Every record of an RFC 4180 CSV text (quoted fields, doubled quotes, CRLF), the header first.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && fields.Count == 0, "the CSV does not end with CRLF");
        return records;
    }

    /// <summary>One cell of the first sheet: its text and whether it is stored as a number.</summary>
    public sealed record Cell(string Text, bool IsNumber, bool IsDate);

    /// <summary>The first worksheet's rows (header first), cells in column order; shared and inline strings resolved.</summary>
    public static List<Cell?[]> ReadXlsx(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var shared = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is { } sharedEntry)
        {
            using var stream = sharedEntry.Open();
            shared = XDocument.Load(stream).Descendants(ns + "si").Select(si => string.Concat(si.Descendants(ns + "t").Select(t => t.Value))).ToList();
        }

        var dateStyles = new HashSet<string>();
        if (zip.GetEntry("xl/styles.xml") is { } stylesEntry)
        {
            using var stream = stylesEntry.Open();
            var xfs = XDocument.Load(stream).Descendants(ns + "cellXfs").Elements(ns + "xf").ToList();
            for (var i = 0; i < xfs.Count; i++)
            {
                var format = (int?)xfs[i].Attribute("numFmtId") ?? 0;
                if (format is >= 14 and <= 22 or >= 164)
                {
                    dateStyles.Add(i.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var sheetStream = sheet.Open();
        var rows = new List<Cell?[]>();
        foreach (var row in XDocument.Load(sheetStream).Descendants(ns + "row"))
        {
            var cells = new List<Cell?>();
            foreach (var c in row.Elements(ns + "c"))
            {
                var column = ColumnIndex((string)c.Attribute("r")!);
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                var type = (string?)c.Attribute("t");
                var value = c.Element(ns + "v")?.Value;
                var text = type switch
                {
                    "s" => shared[int.Parse(value!, CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)),
                    _ => value ?? "",
                };
                var isNumber = type is null or "n";
                cells.Add(new Cell(text, isNumber, isNumber && dateStyles.Contains((string?)c.Attribute("s") ?? "")));
            }

            rows.Add([.. cells]);
        }

        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index - 1;
    }
}
