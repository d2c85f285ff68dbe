using System.Data;
using System.Data.Common;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace FinOps.Domain.Costs.Export;

/// <summary>
/// Writes an <see cref="ExportTable"/> as an XLSX workbook with MiniExcel: numbers as numeric cells, timestamps and
/// dates as date cells, text escaped against formula injection. MiniExcel streams rows from an <see cref="IDataReader"/>
/// into the zip as they are read (its IEnumerable path would buffer every row unless in fast mode, which needs to seek
/// back into the sheet), so the table is handed over through <see cref="ExportTableReader"/>. The zip is written with
/// synchronous calls at the end: write to a file or another stream that allows synchronous writes, then copy.
/// </summary>
public static class XlsxExportWriter
{
    public const string SheetName = "Costs";

    public static Task WriteAsync(ExportTable table, Stream output, CancellationToken ct)
    {
        // The reader pulls the async rows synchronously (SQLite reads complete synchronously): run off the caller's thread.
        return Task.Run(async () =>
        {
            await using var enumerator = table.Rows.GetAsyncEnumerator(ct);
            using var reader = new ExportTableReader(table.Columns, enumerator);
            var configuration = new OpenXmlConfiguration { FastMode = false, AutoFilter = false, TableStyles = TableStyles.None };
            await MiniExcel.SaveAsAsync(output, reader, printHeader: true, sheetName: SheetName, excelType: ExcelType.XLSX,
                configuration: configuration, cancellationToken: ct);
        }, ct);
    }

    /// <summary>A forward-only data reader over the export rows: what MiniExcel streams from.</summary>
    internal sealed class ExportTableReader(IReadOnlyList<ExportColumn> columns, IAsyncEnumerator<object?[]> rows) : DbDataReader
    {
        private object?[]? _current;

        /// <summary>How many rows MiniExcel has pulled so far (for tests that check rows are written as they are read).</summary>
        public long RowsRead { get; private set; }

        public override bool Read()
        {
            if (!rows.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                _current = null;
                return false;
            }

            _current = rows.Current;
            RowsRead++;
            return true;
        }

        public override object GetValue(int ordinal)
        {
            var value = _current![ordinal];
            return value switch
            {
                null => DBNull.Value,
                string text when columns[ordinal].Kind == ExportColumnKind.Text => SpreadsheetText.Escape(text),
                DateTimeOffset time => time.UtcDateTime,
                DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                _ => value,
            };
        }

        public override int FieldCount => columns.Count;

        public override string GetName(int ordinal) => columns[ordinal].Name;

        public override int GetOrdinal(string name) => columns.Select((c, i) => (c, i)).First(p => p.c.Name == name).i;

        public override bool IsDBNull(int ordinal) => _current![ordinal] is null;

        public override Type GetFieldType(int ordinal) => columns[ordinal].Kind switch
        {
            ExportColumnKind.Number => typeof(decimal),
            ExportColumnKind.Timestamp or ExportColumnKind.Date => typeof(DateTime),
            _ => typeof(string),
        };

        public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

        public override object this[int ordinal] => GetValue(ordinal);

        public override object this[string name] => GetValue(GetOrdinal(name));

        public override int Depth => 0;

        public override bool HasRows => true;

        public override bool IsClosed => false;

        public override int RecordsAffected => -1;

        public override bool NextResult() => false;

        public override int GetValues(object[] values)
        {
            var count = Math.Min(values.Length, FieldCount);
            for (var i = 0; i < count; i++)
            {
                values[i] = GetValue(i);
            }

            return count;
        }

        public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
        public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => (char)GetValue(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
        public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);
        public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
        public override float GetFloat(int ordinal) => (float)GetValue(ordinal);
        public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
        public override short GetInt16(int ordinal) => (short)GetValue(ordinal);
        public override int GetInt32(int ordinal) => (int)GetValue(ordinal);
        public override long GetInt64(int ordinal) => (long)GetValue(ordinal);
        public override string GetString(int ordinal) => (string)GetValue(ordinal);
        public override System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();
    }
}
