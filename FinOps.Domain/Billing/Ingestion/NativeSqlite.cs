using System.Runtime.InteropServices;
using SQLitePCL;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// Direct calls into the SQLite library that Microsoft.Data.Sqlite already loaded (e_sqlite3), for the import's hot
/// loop: binding ~70 parameters per row through SQLitePCL's provider costs more than SQLite's own insert. Only
/// short, non-blocking functions skip the GC transition; <c>step</c> is an ordinary call.
/// A statement must be kept alive (its <see cref="sqlite3_stmt"/> referenced) while its handle is used.
/// </summary>
internal static unsafe partial class NativeSqlite
{
    private const string Library = "e_sqlite3";
    private static readonly IntPtr Transient = new(-1);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    private static partial int BindInt64Native(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text16")]
    [SuppressGCTransition]
    private static partial int BindText16Native(IntPtr statement, int index, char* text, int bytes, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob")]
    [SuppressGCTransition]
    private static partial int BindBlobNative(IntPtr statement, int index, byte* data, int bytes, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_clear_bindings")]
    [SuppressGCTransition]
    private static partial int ClearBindingsNative(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    private static partial int ResetNative(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int StepNative(IntPtr statement);

    public static IntPtr Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    public static void BindInt64(IntPtr statement, int index, long value) => Check(BindInt64Native(statement, index, value));

    public static void BindText(IntPtr statement, int index, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            // A null pointer would bind NULL; an empty string is a value.
            var nothing = '\0';
            Check(BindText16Native(statement, index, &nothing, 0, Transient));
            return;
        }

        fixed (char* p = text)
        {
            Check(BindText16Native(statement, index, p, text.Length * sizeof(char), Transient));
        }
    }

    /// <summary>Binds a blob (copied by SQLite: the array may be reused at once). An empty array is an empty blob, not NULL.</summary>
    public static void BindBlob(IntPtr statement, int index, ReadOnlySpan<byte> data)
    {
        var nothing = (byte)0;
        fixed (byte* p = data)
        {
            Check(BindBlobNative(statement, index, data.IsEmpty ? &nothing : p, data.Length, Transient));
        }
    }

    /// <summary>Runs an INSERT/DELETE/UPDATE statement to completion, then resets it and clears its bindings.</summary>
    public static void Execute(IntPtr statement, sqlite3 db)
    {
        var rc = StepNative(statement);
        if (rc != raw.SQLITE_DONE)
        {
            _ = ResetNative(statement);
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }

        Check(ResetNative(statement));
        Check(ClearBindingsNative(statement));
    }

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite error {rc} while binding a value.");
        }
    }
}
