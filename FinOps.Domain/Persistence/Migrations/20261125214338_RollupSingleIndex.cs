using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RollupSingleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DailyCosts_ChargeDay_BillingCurrencyId_ServiceNameId",
                table: "DailyCosts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DailyCosts_ChargeDay_BillingCurrencyId_ServiceNameId",
                table: "DailyCosts",
                columns: new[] { "ChargeDay", "BillingCurrencyId", "ServiceNameId" });
        }
    }
}
