using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// Turns repeated strings into ids of <c>DimensionValues</c> inside the import's transaction. Lookups from a span
/// allocate nothing when the value is known; a new value is inserted at once (and rolled back with the import).
/// One instance per import: it must not outlive the transaction it writes in.
/// </summary>
internal sealed class DimensionInterner : IDisposable
{
    private readonly Dictionary<string, long> _ids;
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _byspan;
    private readonly sqlite3_stmt _insert;

    public DimensionInterner(SqliteConnection connection)
    {
        _ids = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, Value FROM DimensionValues";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ids[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        _byspan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        SqliteRaw.Check(raw.sqlite3_prepare_v2(connection.Handle, "INSERT INTO DimensionValues (Value) VALUES (?)", out _insert), connection.Handle);
        Db = connection.Handle!;
    }

    private sqlite3 Db { get; }

    /// <summary>How many values were added by this import.</summary>
    public int Added { get; private set; }

    public long Intern(ReadOnlySpan<char> value) => Intern(value, out _);

    public long Intern(ReadOnlySpan<char> value, out bool isNew)
    {
        if (_byspan.TryGetValue(value, out var id))
        {
            isNew = false;
            return id;
        }

        SqliteRaw.Check(raw.sqlite3_reset(_insert), Db);
        SqliteRaw.Check(raw.sqlite3_bind_text16(_insert, 1, value), Db);
        SqliteRaw.Step(_insert, Db);
        id = raw.sqlite3_last_insert_rowid(Db);
        _ids[value.ToString()] = id;
        Added++;
        isNew = true;
        return id;
    }

    public void Dispose() => _insert.Dispose();
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

    public static void Step(sqlite3_stmt statement, sqlite3 db)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }
    }
}
