using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Persistence;

/// <summary>Creates the data directory and the database (16 KiB pages, write-ahead logging) and applies migrations.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<FinOpsDbContext> dbFactory, FinOpsPaths paths)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        paths.EnsureCreated();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // The page size only takes effect on a new, empty database; wide line items pack better in larger pages.
        await ExecuteAsync(connection, "PRAGMA page_size = 16384;", ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
