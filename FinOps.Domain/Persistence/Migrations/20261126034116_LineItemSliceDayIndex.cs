using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LineItemSliceDayIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LineItems_SliceId",
                table: "LineItems");

            migrationBuilder.CreateIndex(
                name: "IX_LineItems_SliceId_ChargeDay",
                table: "LineItems",
                columns: new[] { "SliceId", "ChargeDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LineItems_SliceId_ChargeDay",
                table: "LineItems");

            migrationBuilder.CreateIndex(
                name: "IX_LineItems_SliceId",
                table: "LineItems",
                column: "SliceId");
        }
    }
}
