using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinOps.Domain.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FinOpsDbContext>
{
    public FinOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FinOpsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
