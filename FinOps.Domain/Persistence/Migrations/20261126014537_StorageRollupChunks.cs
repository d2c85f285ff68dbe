using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StorageRollupChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyCosts");

            migrationBuilder.CreateTable(
                name: "RollupChunks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SliceId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupChunks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RollupChunks_SliceId",
                table: "RollupChunks",
                column: "SliceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollupChunks");

            migrationBuilder.CreateTable(
                name: "DailyCosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BilledCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    BilledCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingCurrencyId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeClassId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeDay = table.Column<int>(type: "INTEGER", nullable: false),
                    CommitmentDiscountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    InvoiceIssuerNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    PricingCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    RegionIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    SliceId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    TagSetId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyCosts_SliceId",
                table: "DailyCosts",
                column: "SliceId");
        }
    }
}
