using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCostStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", nullable: false),
                    CanWrite = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DailyCosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SliceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChargeDay = table.Column<int>(type: "INTEGER", nullable: false),
                    BillingCurrencyId = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    InvoiceIssuerNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    RegionIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeClassId = table.Column<long>(type: "INTEGER", nullable: true),
                    PricingCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    TagSetId = table.Column<long>(type: "INTEGER", nullable: true),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    BilledCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    BilledCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostAttos = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyCosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DimensionValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DimensionValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    WarningCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ErrorCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", nullable: true),
                    DuplicateOfImportId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LineItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SliceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceLine = table.Column<long>(type: "INTEGER", nullable: false),
                    ChargeDay = table.Column<int>(type: "INTEGER", nullable: false),
                    BilledCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    BilledCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    EffectiveCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    ListCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostNanos = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractedCostAttos = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingPeriodStart = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingPeriodEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargePeriodStart = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargePeriodEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingAccountNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingAccountTypeId = table.Column<long>(type: "INTEGER", nullable: true),
                    BillingCurrencyId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeClassId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeDescriptionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeFrequencyId = table.Column<long>(type: "INTEGER", nullable: true),
                    InvoiceIssuerNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    InvoiceIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    PublisherNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    HostProviderNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceSubcategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubAccountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubAccountNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubAccountTypeId = table.Column<long>(type: "INTEGER", nullable: true),
                    RegionIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    RegionNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    AvailabilityZoneId = table.Column<long>(type: "INTEGER", nullable: true),
                    ResourceIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    ResourceNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    ResourceTypeId = table.Column<long>(type: "INTEGER", nullable: true),
                    SkuIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    SkuMeterId = table.Column<long>(type: "INTEGER", nullable: true),
                    SkuPriceIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    SkuPriceDetails = table.Column<string>(type: "TEXT", nullable: true),
                    PricingCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    PricingQuantity = table.Column<string>(type: "TEXT", nullable: true),
                    PricingUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    ListUnitPrice = table.Column<string>(type: "TEXT", nullable: true),
                    ContractedUnitPrice = table.Column<string>(type: "TEXT", nullable: true),
                    PricingCurrencyId = table.Column<long>(type: "INTEGER", nullable: true),
                    PricingCurrencyContractedUnitPrice = table.Column<string>(type: "TEXT", nullable: true),
                    PricingCurrencyEffectiveCost = table.Column<string>(type: "TEXT", nullable: true),
                    PricingCurrencyListUnitPrice = table.Column<string>(type: "TEXT", nullable: true),
                    ConsumedQuantity = table.Column<string>(type: "TEXT", nullable: true),
                    ConsumedUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountCategoryId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountTypeId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountStatusId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommitmentDiscountQuantity = table.Column<string>(type: "TEXT", nullable: true),
                    CommitmentDiscountUnitId = table.Column<long>(type: "INTEGER", nullable: true),
                    CapacityReservationIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    CapacityReservationStatusId = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractApplied = table.Column<string>(type: "TEXT", nullable: true),
                    AllocatedMethodIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    AllocatedMethodDetails = table.Column<string>(type: "TEXT", nullable: true),
                    AllocatedResourceIdId = table.Column<long>(type: "INTEGER", nullable: true),
                    AllocatedResourceNameId = table.Column<long>(type: "INTEGER", nullable: true),
                    AllocatedTags = table.Column<string>(type: "TEXT", nullable: true),
                    TagSetId = table.Column<long>(type: "INTEGER", nullable: true),
                    Extensions = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LineItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagEntries",
                columns: table => new
                {
                    TagSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagEntries", x => new { x.TagSetId, x.KeyId });
                });

            migrationBuilder.CreateTable(
                name: "BillingSlices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    BillingAccountId = table.Column<string>(type: "TEXT", nullable: false),
                    BillingAccountName = table.Column<string>(type: "TEXT", nullable: true),
                    ProviderName = table.Column<string>(type: "TEXT", nullable: true),
                    BillingPeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    BillingPeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    DataThrough = table.Column<long>(type: "INTEGER", nullable: true),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    SupersededByImportId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingSlices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BillingSlices_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportIssues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Line = table.Column<long>(type: "INTEGER", nullable: true),
                    Column = table.Column<string>(type: "TEXT", nullable: true),
                    Value = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportIssues_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportTotals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    BillingCurrency = table.Column<string>(type: "TEXT", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    BilledCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ListCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ContractedCost = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportTotals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportTotals_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_TokenHash",
                table: "ApiTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BillingSlices_BillingAccountId_BillingPeriodStart_IsCurrent",
                table: "BillingSlices",
                columns: new[] { "BillingAccountId", "BillingPeriodStart", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingSlices_ImportId",
                table: "BillingSlices",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCosts_ChargeDay_BillingCurrencyId_ServiceNameId",
                table: "DailyCosts",
                columns: new[] { "ChargeDay", "BillingCurrencyId", "ServiceNameId" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyCosts_SliceId",
                table: "DailyCosts",
                column: "SliceId");

            migrationBuilder.CreateIndex(
                name: "IX_DimensionValues_Value",
                table: "DimensionValues",
                column: "Value",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportIssues_ImportId",
                table: "ImportIssues",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Imports_Sha256",
                table: "Imports",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_Imports_Status",
                table: "Imports",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ImportTotals_ImportId",
                table: "ImportTotals",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_LineItems_ChargeDay_ImportId",
                table: "LineItems",
                columns: new[] { "ChargeDay", "ImportId" });

            migrationBuilder.CreateIndex(
                name: "IX_LineItems_SliceId",
                table: "LineItems",
                column: "SliceId");

            migrationBuilder.CreateIndex(
                name: "IX_TagEntries_KeyId_ValueId_TagSetId",
                table: "TagEntries",
                columns: new[] { "KeyId", "ValueId", "TagSetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "BillingSlices");

            migrationBuilder.DropTable(
                name: "DailyCosts");

            migrationBuilder.DropTable(
                name: "DimensionValues");

            migrationBuilder.DropTable(
                name: "ImportIssues");

            migrationBuilder.DropTable(
                name: "ImportTotals");

            migrationBuilder.DropTable(
                name: "LineItems");

            migrationBuilder.DropTable(
                name: "TagEntries");

            migrationBuilder.DropTable(
                name: "Imports");
        }
    }
}
