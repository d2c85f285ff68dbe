using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LineItemsSingleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LineItems_ChargeDay_ImportId",
                table: "LineItems");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LineItems_ChargeDay_ImportId",
                table: "LineItems",
                columns: new[] { "ChargeDay", "ImportId" });
        }
    }
}
