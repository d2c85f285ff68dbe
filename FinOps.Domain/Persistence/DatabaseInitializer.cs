using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Domain.Persistence;

/// <summary>Creates the data directory, applies migrations and switches SQLite to write-ahead logging.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<FinOpsDbContext> dbFactory, FinOpsPaths paths)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        paths.EnsureCreated();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(ct);
    }
}
