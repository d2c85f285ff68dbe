using Parquet;
using Parquet.Schema;

namespace FinOps.Domain.Billing.Reading;

/// <summary>
/// Streams a FOCUS Parquet file row group by row group (memory bounded by one row group). Every value is given as
/// invariant text: numbers invariant (doubles round-trip), timestamps <c>yyyy-MM-ddTHH:mm:ss.FFFFFFFZ</c> in UTC,
/// booleans <c>true</c>/<c>false</c>, null as empty; a MAP, LIST or STRUCT column (Tags is sometimes a map) as JSON text.
/// </summary>
/// <remarks>
/// Headers are the top-level column names. <see cref="LineNumber"/> is the 1-based row number plus one (the first row is
/// "line 2"), so that messages read as for CSV. Nested types deeper than one level are rejected when the file is opened.
/// </remarks>
public sealed class ParquetFocusRecordReader : IFocusRecordReader
{
    private readonly FileStream _file;
    private readonly CountingStream _counter;
    private readonly ParquetReader _parquet;
    private readonly Field[] _fields;
    private readonly string[] _headers;
    private readonly ParquetColumnText[] _columns;
    private int _nextRowGroup;
    private int _rowsInGroup;
    private int _rowInGroup = -1;
    private long _rowNumber;
    private bool _finished;

    /// <summary>Opens the file and reads its schema.</summary>
    /// <exception cref="FocusFileFormatException">The file is not a readable Parquet file, or has an unsupported column type.</exception>
    public ParquetFocusRecordReader(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            TotalBytes = _file.Length;
            _counter = new CountingStream(_file);
            var options = new ParquetOptions { TreatByteArrayAsString = true };
            _parquet = Guard(() => ParquetReader.CreateAsync(_counter, options, true).GetAwaiter().GetResult(), null);
            _fields = [.. _parquet.Schema.Fields];
            if (_fields.Length == 0)
                throw new FocusFileFormatException("The Parquet file has no columns.", 1);
            _headers = [.. _fields.Select(f => FocusHeaders.Normalize(f.Name))];
            FocusHeaders.EnsureUnique(_headers, 1);
            foreach (var field in _fields)
                EnsureSupported(field);
            _columns = [.. _fields.Select(_ => new ParquetColumnText())];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Headers => _headers;

    /// <inheritdoc />
    public long LineNumber => _rowNumber + 1;

    /// <inheritdoc />
    public long BytesRead => _finished ? TotalBytes : Math.Min(_counter.BytesRead, TotalBytes);

    /// <inheritdoc />
    public long TotalBytes { get; }

    /// <inheritdoc />
    public bool Read()
    {
        if (_finished)
            return false;
        while (_rowInGroup + 1 >= _rowsInGroup)
        {
            if (_nextRowGroup >= _parquet.RowGroupCount)
            {
                _finished = true;
                _rowInGroup = _rowsInGroup;
                return false;
            }
            LoadRowGroup(_nextRowGroup++);
        }
        _rowInGroup++;
        _rowNumber++;
        return true;
    }

    /// <inheritdoc />
    public ReadOnlySpan<char> GetField(int index)
    {
        if (_rowInGroup < 0 || _rowInGroup >= _rowsInGroup)
            throw new InvalidOperationException("There is no current record: call Read() first and check that it returned true.");
        return (uint)index < (uint)_columns.Length ? _columns[index].Get(_rowInGroup) : [];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _parquet?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _counter?.Dispose();
        _file.Dispose();
    }

    private void LoadRowGroup(int index)
    {
        var firstLine = _rowNumber + 2;
        var group = _parquet.OpenRowGroupReader(index);
        var rowCount = checked((int)group.RowCount);
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            var text = _columns[c];
            text.Clear(rowCount);
            Guard(() =>
            {
                switch (field)
                {
                    case DataField data:
                        ReadFlat(group, data, text, rowCount);
                        break;
                    case ListField list:
                        ReadRepeated(group, (DataField)list.Item, null, text, rowCount, asObject: false);
                        break;
                    case MapField map:
                        ReadRepeated(group, (DataField)map.Key, (DataField)map.Value, text, rowCount, asObject: true);
                        break;
                    case StructField structure:
                        ReadStruct(group, structure, text, rowCount);
                        break;
                }
                return true;
            }, field.Name, firstLine);
            if (text.Count != rowCount)
            {
                throw new FocusFileFormatException(
                    $"Row group {index + 1} (lines {firstLine}..{firstLine + rowCount - 1}): column '{field.Name}' has {text.Count} values for {rowCount} rows.",
                    firstLine,
                    field.Name);
            }
        }
        _rowsInGroup = rowCount;
        _rowInGroup = -1;
    }

    private static void ReadFlat(ParquetRowGroupReader group, DataField field, ParquetColumnText text, int rowCount)
    {
        using var leaf = ReadLeaf(group, field);
        var definitions = leaf.DefinitionLevels;
        for (var row = 0; row < rowCount; row++)
        {
            if (definitions.IsEmpty || definitions[row] == leaf.MaxDefinitionLevel)
                leaf.AppendNext(text, json: false);
            text.EndValue();
        }
    }

    /// <summary>A repeated leaf (list items, or map keys with their values) as a JSON array or object per row.</summary>
    private static void ReadRepeated(ParquetRowGroupReader group, DataField item, DataField? value, ParquetColumnText text, int rowCount, bool asObject)
    {
        using var items = ReadLeaf(group, item);
        using var values = value is null ? null : ReadLeaf(group, value);
        var definitions = items.DefinitionLevels;
        var repetitions = items.RepetitionLevels;
        var valueDefinitions = values is null ? default : values.DefinitionLevels;
        // The level at which an entry exists; one less means an empty collection, less still a null one.
        var entryLevel = item.MaxDefinitionLevel - (item.IsNullable ? 1 : 0);
        var i = 0;
        for (var row = 0; row < rowCount && i < definitions.Length; row++)
        {
            var definition = definitions[i];
            if (definition < entryLevel - 1)
            {
                i++;
            }
            else if (definition == entryLevel - 1)
            {
                text.Append(asObject ? "{}" : "[]");
                i++;
            }
            else
            {
                text.Append(asObject ? '{' : '[');
                var first = true;
                do
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    if (definitions[i] == items.MaxDefinitionLevel)
                        items.AppendNext(text, json: true);
                    else
                        text.Append("null");
                    if (values is not null)
                    {
                        text.Append(':');
                        if (valueDefinitions.IsEmpty || valueDefinitions[i] == values.MaxDefinitionLevel)
                            values.AppendNext(text, json: true);
                        else
                            text.Append("null");
                    }
                    i++;
                }
                while (i < definitions.Length && repetitions[i] > 0);
                text.Append(asObject ? '}' : ']');
            }
            text.EndValue();
        }
    }

    /// <summary>A struct of primitive fields as a JSON object per row.</summary>
    private static void ReadStruct(ParquetRowGroupReader group, StructField structure, ParquetColumnText text, int rowCount)
    {
        var children = structure.Fields.Cast<DataField>().ToArray();
        var leaves = new ParquetLeaf[children.Length];
        try
        {
            for (var c = 0; c < children.Length; c++)
                leaves[c] = ReadLeaf(group, children[c]);
            for (var row = 0; row < rowCount; row++)
            {
                var structNull = structure.MaxDefinitionLevel > 0 && leaves[0].DefinitionLevels[row] < structure.MaxDefinitionLevel;
                if (!structNull)
                {
                    text.Append('{');
                    for (var c = 0; c < children.Length; c++)
                    {
                        if (c > 0)
                            text.Append(',');
                        text.AppendJsonString(children[c].Name);
                        text.Append(':');
                        var definitions = leaves[c].DefinitionLevels;
                        if (definitions.IsEmpty || definitions[row] == leaves[c].MaxDefinitionLevel)
                            leaves[c].AppendNext(text, json: true);
                        else
                            text.Append("null");
                    }
                    text.Append('}');
                }
                text.EndValue();
            }
        }
        finally
        {
            foreach (var leaf in leaves)
                leaf?.Dispose();
        }
    }

    private static ParquetLeaf ReadLeaf(ParquetRowGroupReader group, DataField field)
    {
        var raw = group.ReadRawColumnDataBaseAsync(field).AsTask().GetAwaiter().GetResult();
        return ParquetLeaf.Create(raw, field.MaxDefinitionLevel, field.MaxRepetitionLevel);
    }

    private static void EnsureSupported(Field field)
    {
        var supported = field switch
        {
            DataField { MaxRepetitionLevel: 0 } => true,
            ListField list => list.Item is DataField { MaxRepetitionLevel: 1 },
            MapField map => map.Key is DataField { MaxRepetitionLevel: 1 } && map.Value is DataField { MaxRepetitionLevel: 1 },
            StructField structure => structure.MaxRepetitionLevel == 0 && structure.Fields.Count > 0
                && structure.Fields.All(f => f is DataField { MaxRepetitionLevel: 0 }),
            _ => false,
        };
        if (!supported)
        {
            throw new FocusFileFormatException(
                $"Column '{field.Name}' has a nested Parquet type this reader does not support ({field.SchemaType}); only flat columns and one-level MAP, LIST or STRUCT columns are read.",
                1,
                field.Name);
        }
    }

    private static T Guard<T>(Func<T> read, string? column, long? line = null)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not FocusFileFormatException and not OutOfMemoryException and not OperationCanceledException)
        {
            var where = column is null ? "" : $" (column '{column}'{(line is null ? "" : $", row group starting at line {line}")})";
            throw new FocusFileFormatException($"The file is not a readable Parquet file{where}: {ex.Message}", line, column, ex);
        }
    }
}
