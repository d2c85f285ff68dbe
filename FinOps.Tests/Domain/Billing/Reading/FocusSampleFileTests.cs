using FinOps.Domain.Billing.Reading;

namespace FinOps.Tests.Domain.Billing.Reading;

public sealed class FocusSampleFileTests
{
    private static readonly string[] ExpectedHeaders =
    [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
        "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
        "ResourceName", "ResourceType", "ServiceCategory", "Id", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
        "SubAccountName", "Tags",
    ];

    [SkippableFact]
    public void Csv_PublicFocusSample_ReadsAllRecordsHeadersAndUnescapedTags()
    {
        var path = SampleData.FindFocusSample();
        Skip.If(path is null, $"{SampleData.SampleRelativePath} was not found next to any ancestor of {AppContext.BaseDirectory}; the public FOCUS sample is not available here.");

        using var reader = FocusRecordReaders.Open(path);
        var tags = reader.Headers.ToList().IndexOf("Tags");
        var count = 0;
        string? tagsOfLine3 = null;
        var lastLine = 0L;
        while (reader.Read())
        {
            count++;
            Assert.True(reader.LineNumber > lastLine);
            lastLine = reader.LineNumber;
            if (reader.LineNumber == 3)
                tagsOfLine3 = reader.GetField(tags).ToString();
        }

        Assert.IsType<CsvFocusRecordReader>(reader);
        Assert.Equal(1000, count);
        Assert.Equal(ExpectedHeaders, reader.Headers);
        Assert.Equal("Id", reader.Headers[37]); // non-standard column between ServiceCategory and ServiceName
        Assert.Equal("{\"application\": \"BrightLensMatrix\", \"environment\": \"dev\", \"business_unit\": \"ViennaAI\"}", tagsOfLine3);
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
    }

    [SkippableFact]
    public void Csv_PublicFocusSample_CostsAndTimestampsParseAndBilledCostSumsToTheReference()
    {
        var path = SampleData.FindFocusSample();
        Skip.If(path is null, $"{SampleData.SampleRelativePath} was not found next to any ancestor of {AppContext.BaseDirectory}; the public FOCUS sample is not available here.");

        using var reader = FocusRecordReaders.Open(path);
        var headers = reader.Headers.ToList();
        var billedCost = headers.IndexOf("BilledCost");
        var provider = headers.IndexOf("ProviderName");
        var chargeStart = headers.IndexOf("ChargePeriodStart");
        var contracted = headers.IndexOf("ContractedCost");
        var awsTotal = 0m;
        var nullContracted = 0;
        while (reader.Read())
        {
            Assert.True(FocusValues.TryParseDecimal(reader.GetField(billedCost), out var cost), $"line {reader.LineNumber}: BilledCost '{reader.GetField(billedCost)}'");
            Assert.True(FocusValues.TryParseTimestamp(reader.GetField(chargeStart), out _), $"line {reader.LineNumber}: ChargePeriodStart '{reader.GetField(chargeStart)}'");
            if (reader.GetField(provider).SequenceEqual("AWS"))
                awsTotal += cost;
            if (FocusValues.IsNull(reader.GetField(contracted)))
                nullContracted++;
        }

        Assert.Equal(18.00663861840m, awsTotal);
        Assert.Equal(7, nullContracted);
    }
}
