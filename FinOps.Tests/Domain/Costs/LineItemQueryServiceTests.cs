using System.Globalization;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Ingestion;
using FinOps.Domain.Billing.Reading;
using FinOps.Domain.Costs;
using FinOps.Domain.Costs.LineItems;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs;

public sealed class LineItemQueryServiceTests : IAsyncLifetime
{
    private static readonly DateOnly September = new(2024, 9, 1);
    private static readonly CostQuery AllOfSeptember = new(September, new DateOnly(2024, 10, 1));

    private TestStore _store = null!;

    private LineItemQueryService LineItems => _store.Get<LineItemQueryService>();

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task ImportAsync(FocusCsv csv, string name = "focus.csv")
    {
        var record = await _store.ImportAsync(csv.ToCsv(), name);
        Assert.True(record.Status == ImportStatus.Succeeded, record.FailureReason);
    }

    private async Task<List<LineItemRow>> AllAsync(LineItemRequest request)
    {
        var rows = new List<LineItemRow>();
        await foreach (var row in LineItems.StreamAsync(request, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static CostQuery Filtered(params string[] filters)
    {
        Assert.True(CostQuery.TryParse("2024-09-01", "2024-10-01", null, null, null, filters, out var query, out _, out var error), error);
        return query;
    }

    [Fact]
    public async Task DecodedRows_EqualTheImportedCsvRows_ColumnByColumn()
    {
        var csv = new FocusCsv();
        csv.Row(("BilledCost", "12.345678901234567891"), ("EffectiveCost", "-0.000000000000000001"), ("ListCost", "1000000"),
            ("ContractedCost", "0"), ("PricingQuantity", "10.500"), ("PricingUnit", "Hours"), ("SkuPriceDetails", "{\"size\": \"xl\"}"),
            ("ChargePeriodStart", "2024-09-03 04:05:06"), ("ChargePeriodEnd", "2024-09-03T05:05:06.000Z"), ("ResourceName", "web server, blue"),
            ("Tags", "{\"team\": \"core\", \"env\": \"prod\", \"flag\": true}"), ("x_CostCenter", "cc-7"), ("x_Note", "=cmd"));
        csv.Row(("BilledCost", "-3.5"), ("ChargeClass", "Correction"), ("ResourceId", ""), ("Tags", ""), ("x_CostCenter", ""),
            ("BillingCurrency", "EUR"), ("PricingQuantity", "1E-3"));
        await ImportAsync(csv);

        var page = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, LineItemSort.By("BilledCost", false)), CancellationToken.None);

        Assert.Equal(2, page.TotalCount);
        Assert.False(page.TotalIsLowerBound);
        var correction = page.Rows[0];
        var tagged = page.Rows[1];
        Assert.Equal(-3.5m, correction["BilledCost"]);
        Assert.Equal("Correction", correction["ChargeClass"]);
        Assert.Equal("EUR", correction.BillingCurrency);
        Assert.Null(correction["ResourceId"]);
        Assert.Empty(correction.Tags);
        Assert.Null(correction["Tags"]);
        Assert.Empty(correction.Extensions);
        Assert.Equal(0.001m, correction["PricingQuantity"]);
        Assert.Null(correction["ResourceName"]);

        Assert.Equal(12.345678901234567891m, tagged["BilledCost"]);
        Assert.Equal(-0.000000000000000001m, tagged["EffectiveCost"]);
        Assert.Equal(1000000m, tagged["ListCost"]);
        Assert.Equal(0m, tagged["ContractedCost"]);
        Assert.Equal(10.5m, tagged["PricingQuantity"]);
        Assert.Equal("Hours", tagged["PricingUnit"]);
        Assert.Equal("{\"size\": \"xl\"}", tagged["SkuPriceDetails"]);
        Assert.Equal(new DateTimeOffset(2024, 9, 3, 4, 5, 6, TimeSpan.Zero), tagged["ChargePeriodStart"]);
        Assert.Equal(new DateTimeOffset(2024, 9, 3, 5, 5, 6, TimeSpan.Zero), tagged["ChargePeriodEnd"]);
        Assert.Equal(new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero), tagged["BillingPeriodStart"]);
        Assert.Equal("web server, blue", tagged["ResourceName"]);
        Assert.Equal("i-1", tagged["ResourceId"]);
        Assert.Equal("USD", tagged.BillingCurrency);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["flag"] = "true", ["team"] = "core" }, tagged.Tags);
        Assert.Equal(new Dictionary<string, string> { ["x_CostCenter"] = "cc-7", ["x_Note"] = "=cmd" }, tagged.Extensions);
        Assert.Equal(2, tagged.SourceLine);
        Assert.Equal("2024-09-03T04:05:06Z", tagged.Text("ChargePeriodStart"));
        Assert.Equal("12.345678901234567891", tagged.Text("BilledCost"));
        Assert.Throws<ArgumentException>(() => tagged["NotAColumn"]);
    }

    [SkippableFact]
    public async Task PublicSample_EveryDecodedRowEqualsItsSourceRecord()
    {
        var sample = SharedData.Find("focus-1.0-sample.csv");
        Skip.If(sample is null, "shared/data/focus-1.0-sample.csv is not present next to the repository.");
        var record = await _store.ImportAsync(sample, "focus-1.0-sample.csv", isPath: true);
        Assert.Equal(ImportStatus.Succeeded, record.Status);

        var rows = (await AllAsync(new LineItemRequest(new CostQuery(new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)))))
            .ToDictionary(r => r.SourceLine);
        Assert.Equal(1000, rows.Count);

        using var reader = FocusRecordReaders.Open(sample);
        var compared = 0;
        while (reader.Read())
        {
            var row = rows[reader.LineNumber];
            for (var i = 0; i < reader.Headers.Count; i++)
            {
                var header = reader.Headers[i];
                var text = reader.GetField(i).Trim().ToString();
                var isNull = FocusValues.IsNull(text);
                if (!FocusColumns.TryFind(header, out var column))
                {
                    Assert.Equal(isNull ? null : reader.GetField(i).ToString(), row.Extensions.GetValueOrDefault(header));
                    continue;
                }

                var actual = row[column];
                object? expected = isNull ? null : column.Kind switch
                {
                    FocusValueKind.Money or FocusValueKind.Quantity => FocusValues.TryParseDecimal(text, out var d) ? d : throw new InvalidDataException(text),
                    FocusValueKind.DateTime => FocusValues.TryParseTimestamp(text, out var t) ? new DateTimeOffset(t, TimeSpan.Zero) : throw new InvalidDataException(text),
                    _ => text,
                };
                if (column.Name == "Tags")
                {
                    Assert.Equal(isNull ? new Dictionary<string, string>() : ParseTags(text), row.Tags);
                    continue;
                }

                Assert.True(Equals(expected, actual), $"line {reader.LineNumber}, {column.Name}: expected '{expected}', decoded '{actual}'");
                compared++;
            }
        }

        Assert.True(compared > 30_000, $"only {compared} values compared");
    }

    private static Dictionary<string, string> ParseTags(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            }, StringComparer.Ordinal);
    }

    private static async Task<FocusCsv> FilterFixtureAsync(TestStore store)
    {
        var csv = new FocusCsv(FocusCsv.DefaultColumns.Append("ResourceName"));
        csv.Row([.. FocusCsv.Day(1), ("ServiceName", "Amazon S3"), ("ResourceId", "bucket-logs"), ("ResourceName", "Logs Bucket"), ("Tags", "{\"team\": \"core\"}")]);
        csv.Row([.. FocusCsv.Day(2), ("ServiceName", "AWS Lambda"), ("ResourceId", "fn-resize"), ("ResourceName", "Image resizer"), ("Tags", "{\"team\": \"web\"}")]);
        csv.Row([.. FocusCsv.Day(3), ("ServiceName", "AWS Lambda"), ("ResourceId", "fn-100%_off"), ("ResourceName", ""), ("Tags", "{\"env\": \"dev\"}")]);
        csv.Row([.. FocusCsv.Day(4), ("ServiceName", "Amazon S3"), ("ResourceId", ""), ("ResourceName", ""), ("Tags", ""), ("SubAccountId", "")]);
        csv.Row([.. FocusCsv.Day(20), ("ServiceName", "Amazon S3"), ("ResourceId", "bucket-data"), ("ResourceName", "Data lake"), ("Tags", "{\"team\": \"core\"}"),
            ("BillingPeriodStart", "2024-09-01T00:00:00Z")]);
        csv.Row([("ChargePeriodStart", "2024-10-02T00:00:00Z"), ("ChargePeriodEnd", "2024-10-03T00:00:00Z"), ("BillingPeriodStart", "2024-10-01T00:00:00Z"),
            ("BillingPeriodEnd", "2024-11-01T00:00:00Z"), ("ResourceId", "bucket-logs"), ("ResourceName", "Logs Bucket")]);
        var record = await store.ImportAsync(csv.ToCsv());
        Assert.Equal(ImportStatus.Succeeded, record.Status);
        return csv;
    }

    private async Task<List<string?>> ResourcesAsync(CostQuery query, string? search = null) =>
        (await AllAsync(new LineItemRequest(query, LineItemSort.By("ChargePeriodStart", false), ResourceSearch: search)))
        .Select(r => r["ResourceId"] as string).ToList();

    [Fact]
    public async Task Filters_MeanWhatTheCostEngineMeans_ColumnsTagsUntaggedEmptyAndUnknownValues()
    {
        await FilterFixtureAsync(_store);

        Assert.Equal(["bucket-logs", null, "bucket-data"], await ResourcesAsync(Filtered("ServiceName:Amazon S3")));
        Assert.Equal(["bucket-logs", "fn-resize", "fn-100%_off", null, "bucket-data"], await ResourcesAsync(Filtered("ServiceName:Amazon S3", "ServiceName:AWS Lambda")));
        Assert.Equal(["bucket-logs", "bucket-data"], await ResourcesAsync(Filtered("Tag:team=core")));
        Assert.Equal(["fn-100%_off", null], await ResourcesAsync(Filtered("Tag:team=")));
        Assert.Equal(["bucket-logs", "fn-100%_off", null, "bucket-data"], await ResourcesAsync(Filtered("Tag:team=core", "Tag:team=")));
        Assert.Equal([null], await ResourcesAsync(Filtered("SubAccountId:")));
        Assert.Empty(await ResourcesAsync(Filtered("ServiceName:Never imported")));
        Assert.Equal(["fn-resize", "fn-100%_off"], await ResourcesAsync(Filtered("ServiceName:AWS Lambda", "Tag:env=dev", "Tag:env=")));
        Assert.Equal(["fn-100%_off"], await ResourcesAsync(Filtered("ServiceName:AWS Lambda", "Tag:env=dev")));

        // The range is the query's: from inclusive, to exclusive, by ChargePeriodStart.
        Assert.Equal(["fn-100%_off", null], await ResourcesAsync(AllOfSeptember with { From = new DateOnly(2024, 9, 3), To = new DateOnly(2024, 9, 20) }));
        Assert.Equal(["bucket-logs"], await ResourcesAsync(new CostQuery(new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 1))));
    }

    [Fact]
    public async Task ResourceSearch_FindsIdOrNameSubstrings_IgnoringCase_AndTreatsLikeWildcardsAsText()
    {
        await FilterFixtureAsync(_store);

        Assert.Equal(["bucket-logs", "bucket-data"], await ResourcesAsync(AllOfSeptember, "BUCKET"));
        Assert.Equal(["fn-resize"], await ResourcesAsync(AllOfSeptember, "resizer"));
        Assert.Equal(["bucket-data"], await ResourcesAsync(AllOfSeptember, "data lake"));
        Assert.Equal(["fn-100%_off"], await ResourcesAsync(AllOfSeptember, "100%_"));
        Assert.Equal(["fn-100%_off"], await ResourcesAsync(AllOfSeptember, "%"));
        Assert.Empty(await ResourcesAsync(AllOfSeptember, "b_cket")); // "_" is a character, not LIKE's any-character
        Assert.Equal(["bucket-logs"], await ResourcesAsync(Filtered("Tag:team=core"), "logs"));
    }

    [Fact]
    public async Task Sorting_ByMoneyStringsQuantitiesAndTime_IsServerSideAndExact()
    {
        var csv = new FocusCsv(FocusCsv.DefaultColumns.Append("PricingQuantity"));
        csv.Row([.. FocusCsv.Day(5), ("BilledCost", "0.000000000000000002"), ("ServiceName", "b"), ("PricingQuantity", "9"), ("ResourceId", "r1")]);
        csv.Row([.. FocusCsv.Day(2), ("BilledCost", "0.000000000000000001"), ("ServiceName", "C"), ("PricingQuantity", "10"), ("ResourceId", "r2")]);
        csv.Row([.. FocusCsv.Day(9), ("BilledCost", "-0.000000000000000001"), ("ServiceName", "a"), ("PricingQuantity", "-1.5"), ("ResourceId", "r3")]);
        csv.Row([.. FocusCsv.Day(1), ("BilledCost", "-1.000000000000000001"), ("ServiceName", "a"), ("PricingQuantity", ""), ("ResourceId", "r4")]);
        await ImportAsync(csv);

        async Task<string> Order(string sort)
        {
            Assert.True(LineItemSort.TryParse(sort, out var parsed, out var error), error);
            var page = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, parsed), CancellationToken.None);
            return string.Join(",", page.Rows.Select(r => r["ResourceId"]));
        }

        Assert.Equal("r3,r1,r2,r4", await Order(""));
        Assert.Equal("r4,r2,r1,r3", await Order("ChargePeriodStart:asc"));
        Assert.Equal("r4,r3,r2,r1", await Order("BilledCost:asc"));
        Assert.Equal("r1,r2,r3,r4", await Order("billedcost:DESC"));
        Assert.Equal("r2,r3,r4,r1", await Order("ServiceName")); // ordinal text: "C" before "a", ties by row id
        Assert.Equal("r4,r3,r1,r2", await Order("PricingQuantity:asc")); // numbers, not text; unknown first
    }

    [Theory]
    [InlineData("Nope:asc", "'Nope' is not a FOCUS column")]
    [InlineData("BilledCost:up", "the direction must be asc or desc")]
    public void SortText_ThatCannotBeParsed_IsRefusedWithTheReason(string text, string reason)
    {
        Assert.False(LineItemSort.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.True(LineItemSort.TryParse(LineItemSort.By("BilledCost", true).ToString(), out var roundTrip, out _));
        Assert.Equal(LineItemSort.By("BilledCost", true), roundTrip);
    }

    [Fact]
    public async Task Paging_GivesEveryRowOnce_AndAnEmptyPageBeyondTheEnd()
    {
        var csv = new FocusCsv();
        for (var i = 0; i < 23; i++)
        {
            csv.Row([.. FocusCsv.Day(1 + (i % 5)), ("ResourceId", $"r{i:D2}")]);
        }

        await ImportAsync(csv);
        var seen = new List<string>();
        for (var pageIndex = 0; pageIndex < 3; pageIndex++)
        {
            var page = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageIndex: pageIndex, PageSize: 10), CancellationToken.None);
            Assert.Equal(23, page.TotalCount);
            Assert.False(page.TotalIsLowerBound);
            Assert.Equal(pageIndex == 2 ? 3 : 10, page.Rows.Count);
            seen.AddRange(page.Rows.Select(r => (string)r["ResourceId"]!));
        }

        Assert.Equal(23, seen.Distinct().Count());
        var beyond = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageIndex: 3, PageSize: 10), CancellationToken.None);
        Assert.Empty(beyond.Rows);
        Assert.Equal(23, beyond.TotalCount);
        var empty = await LineItems.GetPageAsync(new LineItemRequest(Filtered("ServiceName:none")), CancellationToken.None);
        Assert.Empty(empty.Rows);
        Assert.Equal(0, empty.TotalCount);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageSize: 0), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageSize: LineItemRequest.MaxPageSize + 1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageIndex: -1), CancellationToken.None));
    }

    [Fact]
    public async Task Counting_IsExactFromTheRollup_AndStopsPastTheLimitOnlyForFiltersOutsideIt()
    {
        var rows = LineItemQueryService.CountLimit + 130;
        var csv = new FocusCsv();
        for (var i = 0; i < rows; i++)
        {
            csv.Row([.. FocusCsv.Day(1 + (i % 28)), ("ResourceId", "r" + i.ToString(CultureInfo.InvariantCulture))]);
        }

        await ImportAsync(csv);

        var first = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageSize: 50), CancellationToken.None);
        Assert.False(first.TotalIsLowerBound);
        Assert.Equal(rows, first.TotalCount);

        // SkuId is not in the rollup: the count is capped...
        var noSku = Filtered("SkuId:");
        var capped = await LineItems.GetPageAsync(new LineItemRequest(noSku, PageSize: 50), CancellationToken.None);
        Assert.True(capped.TotalIsLowerBound);
        Assert.Equal(LineItemQueryService.CountLimit, capped.TotalCount);

        // ...and a page near the limit counts far enough to know the exact total.
        var deep = await LineItems.GetPageAsync(new LineItemRequest(noSku, PageIndex: 199, PageSize: 50), CancellationToken.None);
        Assert.False(deep.TotalIsLowerBound);
        Assert.Equal(rows, deep.TotalCount);
        Assert.Equal(50, deep.Rows.Count);

        var last = await LineItems.GetPageAsync(new LineItemRequest(AllOfSeptember, PageIndex: rows / 50, PageSize: 50), CancellationToken.None);
        Assert.Equal(rows % 50, last.Rows.Count);
        Assert.Equal(rows, last.TotalCount);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("ChargePeriodStart:asc", null)]
    [InlineData("BilledCost:desc", null)]
    [InlineData("", "Tag:team=core")]
    [InlineData("ChargePeriodStart:asc", "ServiceName:Compute")]
    [InlineData("", "Tag:team=")]
    [InlineData("", "BillingAccountId:acct-2")] // one slice of three: read through the (slice, day) index
    [InlineData("BilledCost:desc", "BillingAccountId:acct-1")]
    public async Task PagesNarrowedToTheirDaysByTheRollup_GiveEveryMatchingRowOnce_InTheStreamedOrder(string sort, string? filter)
    {
        // Uneven days (none on some, many on others), several resources, tags, two services, three billing accounts.
        var random = new Random(7);
        var csv = new FocusCsv();
        for (var i = 0; i < 400; i++)
        {
            var day = random.Next(3) == 0 ? 28 : 1 + (random.Next(0, 14) * 2);
            var tags = random.Next(3) switch { 0 => "{\"team\": \"core\"}", 1 => "{\"team\": \"web\"}", _ => "" };
            csv.Row([.. FocusCsv.Day(day), ("ResourceId", $"vm-{random.Next(12):D2}"), ("ResourceName", random.Next(2) == 0 ? "frontend" : "batch"),
                ("ServiceName", random.Next(2) == 0 ? "Compute" : "Storage"), ("BilledCost", random.Next(-5, 500).ToString(CultureInfo.InvariantCulture)),
                ("Tags", tags), ("BillingAccountId", $"acct-{random.Next(3)}")]);
        }

        await ImportAsync(csv);
        Assert.True(LineItemSort.TryParse(sort, out var order, out var error), error);
        var query = filter is null ? AllOfSeptember : Filtered(filter);
        foreach (var search in new string?[] { null, "vm-0", "FRONT" })
        {
            var expected = (await AllAsync(new LineItemRequest(query, order, ResourceSearch: search))).Select(r => r.Id).ToList();
            var paged = new List<long>();
            for (var pageIndex = 0; ; pageIndex++)
            {
                var page = await LineItems.GetPageAsync(new LineItemRequest(query, order, pageIndex, 9, search), CancellationToken.None);
                Assert.False(page.TotalIsLowerBound);
                Assert.Equal(expected.Count, page.TotalCount);
                if (page.Rows.Count == 0)
                {
                    break;
                }

                paged.AddRange(page.Rows.Select(r => r.Id));
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, paged);
        }
    }

    [Theory]
    [InlineData("BilledCost:desc")]
    [InlineData("EffectiveCost:desc")]
    [InlineData("ListCost:desc")]
    public async Task CostliestFirstPages_StartedFromTheRollupsMaxima_EqualTheFullOrder_AtEveryPageSize(string sort)
    {
        // Values a hair apart (attos), equal values in different entries, negatives, and rows without a value.
        string?[] values =
        [
            "5.000000000000000001", "5", "5", "4.999999999999999999", "4.9999999999", "0.000000000000000001", "0", "-0.000000000000000001",
            "-1.000000000000000001", "-1", "", "12.5", "12.5", "3", "7", "",
        ];
        var csv = new FocusCsv();
        for (var i = 0; i < values.Length; i++)
        {
            csv.Row([.. FocusCsv.Day(1 + (i % 4)), ("ResourceId", $"r{i % 6}"), ("BillingAccountId", $"acct-{i % 3}"),
                ("BilledCost", values[i] is { Length: > 0 } v ? v : "1"), ("EffectiveCost", values[i]), ("ListCost", values[(i + 5) % values.Length])]);
        }

        await ImportAsync(csv);
        Assert.True(LineItemSort.TryParse(sort, out var order, out var error), error);
        foreach (var query in new[] { AllOfSeptember, Filtered("BillingAccountId:acct-1"), Filtered("ResourceId:r0", "ResourceId:r3") })
        {
            var expected = (await AllAsync(new LineItemRequest(query, order))).Select(r => r.Id).ToList();
            for (var size = 1; size <= 5; size++)
            {
                var paged = new List<long>();
                for (var pageIndex = 0; pageIndex * size < expected.Count + size; pageIndex++)
                {
                    var page = await LineItems.GetPageAsync(new LineItemRequest(query, order, pageIndex, size), CancellationToken.None);
                    Assert.Equal(expected.Count, page.TotalCount);
                    paged.AddRange(page.Rows.Select(r => r.Id));
                }

                Assert.Equal(expected, paged);
            }
        }
    }
}
