using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// Turns repeated strings into ids of <c>DimensionValues</c>. Known values are looked up from a span without
/// allocating; a new value gets the next id at once and waits in <see cref="DrainNew"/> to be written (by the line
/// item writer, in the import's transaction, before the rows that use it). One instance per import.
/// </summary>
internal sealed class DimensionInterner
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<(long Id, string Value)> _new = [];
    private long _nextId;

    public DimensionInterner(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, Value FROM DimensionValues";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                _ids[reader.GetString(1)] = id;
                _nextId = Math.Max(_nextId, id);
            }
        }

        _nextId++;
        _bySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many values were added by this import.</summary>
    public int Added { get; private set; }

    public long Intern(ReadOnlySpan<char> value) => Intern(value, out _);

    public long Intern(ReadOnlySpan<char> value, out bool isNew)
    {
        if (_bySpan.TryGetValue(value, out var id))
        {
            isNew = false;
            return id;
        }

        id = _nextId++;
        var text = value.ToString();
        _ids[text] = id;
        _new.Add((id, text));
        Added++;
        isNew = true;
        return id;
    }

    /// <summary>The interned string equal to <paramref name="value"/> (which must have been interned).</summary>
    public string ValueOf(ReadOnlySpan<char> value) => _bySpan.TryGetValue(value, out var actual, out _) ? actual : value.ToString();

    /// <summary>Moves the values added since the last call into <paramref name="target"/>.</summary>
    public void DrainNew(List<(long Id, string Value)> target)
    {
        target.AddRange(_new);
        _new.Clear();
    }
}

/// <summary>Thin checks around SQLitePCL's raw API.</summary>
internal static class SqliteRaw
{
    public static void Check(int rc, sqlite3? db)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            var message = db is null ? $"SQLite error {rc}" : raw.sqlite3_errmsg(db).utf8_to_string();
            throw new InvalidOperationException($"SQLite error {rc}: {message}");
        }
    }
}
