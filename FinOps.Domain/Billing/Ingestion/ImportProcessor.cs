using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FinOps.Domain.Billing.Reading;
using FinOps.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>What one run of <see cref="ImportProcessor"/> produced (inside the still-open transaction).</summary>
internal sealed record ImportOutcome(
    bool Succeeded,
    long RowCount,
    IReadOnlyList<ImportCurrencyTotal> Totals,
    ImportIssueCollector Issues,
    string? FailureReason,
    ImportPhaseTimes? Phases = null);

/// <summary>
/// Where an import's time went: the reading thread's loop (parse, validate, intern, aggregate) and the writing thread
/// (SQLite inserts), each as CPU time of that thread (null where the platform cannot tell) and as wall time, then the
/// finishing steps (slice replacement, totals) on the import's thread.
/// </summary>
internal sealed record ImportPhaseTimes(TimeSpan ReadWall, TimeSpan? ReadCpu, TimeSpan WriteWall, TimeSpan? WriteCpu, TimeSpan Finish)
{
    public override string ToString() => FormattableString.Invariant(
        $"read {ReadWall.TotalSeconds:N2} s wall / {ReadCpu?.TotalSeconds:N2} s CPU, write {WriteWall.TotalSeconds:N2} s wall / {WriteCpu?.TotalSeconds:N2} s CPU, finish {Finish.TotalSeconds:N2} s");
}

/// <summary>
/// Streams one FOCUS file into the cost store inside the caller's transaction. This thread validates and parses every
/// value, interns strings and aggregates the daily rollup and the totals; a <see cref="LineItemWriter"/> thread writes
/// line items and (in bounded chunks) rollup rows. At the end the (billing account, billing period) slices the file
/// delivers replace earlier ones. On failure nothing is written that the caller does not roll back (decision 004).
/// </summary>
internal sealed class ImportProcessor
{
    private const int ProgressEvery = 16_384;
    private const int SecondsPerDay = 86_400;

    private static readonly int MoneyCount = FocusColumns.All.Count(c => c.IsMoney);

    private readonly FinOpsDbContext _db;
    private readonly SqliteConnection _connection;
    private readonly long _importId;
    private readonly ImportIssueCollector _issues;
    private readonly Action<long, long, long>? _progress;

    // Column plan.
    private readonly List<BoundColumn> _columns = [];
    private readonly List<(int HeaderIndex, string Name)> _extensionColumns = [];
    private readonly int _extensionsParameter;
    private readonly BoundColumn? _billingAccount;
    private readonly BoundColumn? _billingPeriodStart;
    private readonly BoundColumn? _billingPeriodEnd;
    private readonly BoundColumn? _chargePeriodStart;
    private readonly BoundColumn? _chargePeriodEnd;

    // Per-import state.
    private readonly Dictionary<(string Account, long PeriodStart), SliceState> _slices = [];
    private readonly Dictionary<RollupKey, RollupSums> _rollups = [];
    private readonly Dictionary<long, RollupSums> _totals = [];
    private readonly Dictionary<string, long?> _tagSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long?>.AlternateLookup<ReadOnlySpan<char>> _tagSetsBySpan;
    private const int MaxRememberedJsonValues = 100_000;
    private readonly HashSet<string>?[] _validJson;
    private readonly ArrayBufferWriterPool _json = new();

    // Per-row scratch.
    private readonly long[] _dimensionIds;
    private static readonly ExactMoney.TryParseDecimal ParseDecimal = FocusValues.TryParseDecimal;
    private readonly string?[] _lastDimensionText;
    private readonly long[] _lastDimensionId;
    private readonly ExactMoney?[] _moneyParts;

    private ImportProcessor(FinOpsDbContext db, SqliteConnection connection, long importId, IReadOnlyList<string> headers,
        ImportIssueCollector issues, Action<long, long, long>? progress)
    {
        _db = db;
        _connection = connection;
        _importId = importId;
        _issues = issues;
        _progress = progress;
        _tagSetsBySpan = _tagSets.GetAlternateLookup<ReadOnlySpan<char>>();

        // Parameters: 1 SliceId, 2 ImportId, 3 SourceLine, 4 ChargeDay, then FocusColumns.All (money takes two), then Extensions.
        var parameter = 5;
        var moneyIndex = 0;
        var dimensionIndex = 0;
        var dimensionIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in FocusColumns.All)
        {
            var headerIndex = FindHeader(headers, column.Name);
            if (column.Kind == FocusValueKind.Dimension)
            {
                dimensionIndexByName[column.Name] = dimensionIndex;
            }

            var bound = new BoundColumn(column, headerIndex, parameter,
                column.IsMoney ? moneyIndex++ : -1,
                column.Kind == FocusValueKind.Dimension ? dimensionIndex++ : -1,
                column.AllowedValues is null ? null : new HashSet<string>(column.AllowedValues, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
            parameter += column.IsMoney ? 2 : 1;
            if (headerIndex >= 0)
            {
                _columns.Add(bound);
            }

            switch (column.Name)
            {
                case "BillingAccountId": _billingAccount = bound; break;
                case "BillingPeriodStart": _billingPeriodStart = bound; break;
                case "BillingPeriodEnd": _billingPeriodEnd = bound; break;
                case "ChargePeriodStart": _chargePeriodStart = bound; break;
                case "ChargePeriodEnd": _chargePeriodEnd = bound; break;
            }
        }

        _extensionsParameter = parameter;
        for (var i = 0; i < headers.Count; i++)
        {
            if (!FocusColumns.TryFind(headers[i], out _))
            {
                _extensionColumns.Add((i, headers[i]));
            }
        }

        _dimensionIds = new long[dimensionIndex];
        _lastDimensionText = new string?[dimensionIndex];
        _lastDimensionId = new long[dimensionIndex];
        _moneyParts = new ExactMoney?[MoneyCount];
        _validJson = new HashSet<string>?[parameter + 1];
        RollupDimensionSlots = RollupSchema.DimensionColumns.Select(name => dimensionIndexByName[name]).ToArray();
        _chargeCategorySlot = dimensionIndexByName["ChargeCategory"];
    }

    private int[] RollupDimensionSlots { get; }

    private static int FindHeader(IReadOnlyList<string> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checks the header: every mandatory column and one provider column must be present.</summary>
    public static IReadOnlyList<string> MissingMandatoryColumns(IReadOnlyList<string> headers)
    {
        var missing = FocusColumns.RequiredHeaders
            .Where(c => FindHeader(headers, c.Name) < 0)
            .Select(c => c.Name)
            .ToList();
        if (FocusColumns.ProviderColumns.All(p => FindHeader(headers, p) < 0))
        {
            missing.Add(string.Join(" or ", FocusColumns.ProviderColumns));
        }

        return missing;
    }

    /// <summary>Reads the whole file into the store. The caller owns the transaction and commits only on success.</summary>
    public static async Task<ImportOutcome> RunAsync(FinOpsDbContext db, SqliteConnection connection, long importId,
        IFocusRecordReader reader, ImportIssueCollector issues, Action<long, long, long>? progress, CancellationToken ct)
    {
        var missing = MissingMandatoryColumns(reader.Headers);
        if (missing.Count > 0)
        {
            var reason = $"Missing mandatory FOCUS column{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing)}.";
            issues.Error(1, string.Join(", ", missing), null, reason);
            return new ImportOutcome(false, 0, [], issues, reason);
        }

        var processor = new ImportProcessor(db, connection, importId, reader.Headers, issues, progress);
        return await processor.ProcessAsync(reader, ct);
    }

    private async Task<ImportOutcome> ProcessAsync(IFocusRecordReader reader, CancellationToken ct)
    {
        var handle = _connection.Handle!;
        var interner = new DimensionInterner(_connection);
        _usageId = interner.Intern("Usage");
        _nextSliceId = await _db.BillingSlices.Select(x => (long?)x.Id).MaxAsync(ct) is { } max ? max + 1 : 1;
        long rows = 0;
        TimeSpan readWall, writeWall;
        TimeSpan? readCpu, writeCpu;
        using (var writer = new LineItemWriter(handle, BuildInsertSql(), TextParameters(), BatchSize))
        {
            var readStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var readCpuStart = ThreadCpuTime.Current();
            var batch = writer.Rent();
            while (reader.Read())
            {
                if (_issues.TooManyErrors)
                {
                    break;
                }

                rows++;
                var line = reader.LineNumber;
                batch.BeginRow();
                if (!ReadRow(reader, line, batch, interner, out var slice, out var chargeDay) || _issues.ErrorCount > 0)
                {
                    continue; // The file is rejected anyway: keep validating, stop writing.
                }

                batch.SetInteger(1, slice!.Id);
                batch.SetInteger(2, _importId);
                batch.SetInteger(3, line);
                batch.SetInteger(4, chargeDay);
                batch.EndRow();
                Accumulate(slice, chargeDay);
                if (_rollups.Count >= MaxRollupEntries)
                {
                    // Bounded memory: partial daily sums go out now; queries add rollup entries up anyway.
                    EncodeRollups(batch);
                    Flush(writer, batch, interner);
                    batch = writer.Rent();
                }
                else if (batch.IsFull)
                {
                    Flush(writer, batch, interner);
                    batch = writer.Rent();
                }

                if (rows % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    _progress?.Invoke(rows, reader.BytesRead, reader.TotalBytes);
                }
            }

            if (_issues.ErrorCount == 0)
            {
                EncodeRollups(batch);
                Flush(writer, batch, interner);
            }

            readCpu = ThreadCpuTime.Current() - readCpuStart;
            readWall = System.Diagnostics.Stopwatch.GetElapsedTime(readStarted);
            await writer.CompleteAsync();
            (writeWall, writeCpu) = (writer.BusyWall, writer.ThreadCpu);
        }

        _progress?.Invoke(rows, reader.BytesRead, reader.TotalBytes);
        if (_issues.ErrorCount > 0)
        {
            var reason = _issues.TooManyErrors
                ? $"Rejected: stopped after {_issues.MaxErrors} errors; nothing was stored."
                : $"Rejected: {_issues.ErrorCount} value{(_issues.ErrorCount > 1 ? "s" : "")} could not be parsed; nothing was stored.";
            return new ImportOutcome(false, rows, [], _issues, reason);
        }

        if (rows == 0)
        {
            _issues.Warning(null, null, null, "The file has a header but no rows; nothing was replaced.");
        }

        var finishStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        await ReplaceSlicesAsync(ct);
        var totals = await BuildTotalsAsync(ct);
        var phases = new ImportPhaseTimes(readWall, readCpu, writeWall, writeCpu, System.Diagnostics.Stopwatch.GetElapsedTime(finishStarted));
        return new ImportOutcome(true, rows, totals, _issues, null, phases);
    }

    private const int BatchSize = 2048;

    /// <summary>Rollup entries kept in memory before they are written (about 200 bytes each). Tests lower it.</summary>
    internal static int MaxRollupEntries { get; set; } = 100_000;

    private long _nextSliceId;
    private readonly int _chargeCategorySlot;
    private long _usageId;

    /// <summary>
    /// Moves the rollup aggregated so far into the batch as one encoded chunk per slice. Encoding here, on the reading
    /// thread, leaves the writing thread (the import's bottleneck) one blob insert per chunk instead of a row per entry.
    /// </summary>
    private void EncodeRollups(LineItemBatch batch)
    {
        RollupChunkCodec.EncodeBySlice(_rollups, batch.RollupChunks);
        _rollups.Clear();
    }

    private void Flush(LineItemWriter writer, LineItemBatch batch, DimensionInterner interner)
    {
        interner.DrainNew(batch.NewDimensions);
        batch.NewTags.AddRange(_newTags);
        _newTags.Clear();
        writer.Submit(batch);
    }

    private readonly List<(long TagSetId, long KeyId, long ValueId)> _newTags = [];

    /// <summary>Which statement parameters (0-based) take text; the others take integers.</summary>
    private bool[] TextParameters()
    {
        var isText = new bool[_extensionsParameter];
        isText[_extensionsParameter - 1] = true;
        foreach (var column in FocusColumns.All)
        {
            if (column.Kind is FocusValueKind.Quantity || (column.Kind is FocusValueKind.Json && column.Name != "Tags"))
            {
                isText[ParameterOf(column) - 1] = true;
            }
        }

        return isText;
    }

    private static int ParameterOf(FocusColumn target)
    {
        var parameter = 5;
        foreach (var column in FocusColumns.All)
        {
            if (ReferenceEquals(column, target))
            {
                return parameter;
            }

            parameter += column.IsMoney ? 2 : 1;
        }

        throw new InvalidOperationException($"{target.Name} is not in the catalogue.");
    }

    private string BuildInsertSql()
    {
        var names = new List<string> { "SliceId", "ImportId", "SourceLine", "ChargeDay" };
        foreach (var column in FocusColumns.All)
        {
            if (column.IsMoney)
            {
                names.Add(LineItemSchema.NanosColumn(column));
                names.Add(LineItemSchema.AttosColumn(column));
            }
            else
            {
                names.Add(LineItemSchema.StorageColumn(column));
            }
        }

        names.Add("Extensions");
        return $"INSERT INTO {LineItemSchema.Table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(_ => "?"))})";
    }

    /// <summary>Parses and binds one row; false when it cannot be stored (an error was recorded).</summary>
    private bool ReadRow(IFocusRecordReader reader, long line, LineItemBatch insert, DimensionInterner interner,
        out SliceState? slice, out int chargeDay)
    {
        slice = null;
        chargeDay = 0;
        var ok = true;
        Array.Clear(_dimensionIds);
        Array.Clear(_moneyParts);
        long? billingPeriodStart = null, billingPeriodEnd = null, chargePeriodStart = null, chargePeriodEnd = null;
        long tagSetId = 0;

        foreach (var bound in _columns)
        {
            var column = bound.Column;
            var text = reader.GetField(bound.HeaderIndex).Trim();
            if (FocusValues.IsNull(text))
            {
                if (!column.Nullable)
                {
                    if (column.Kind == FocusValueKind.DateTime && column.Name is "BillingPeriodStart" or "ChargePeriodStart")
                    {
                        _issues.Error(line, column.Name, text.ToString(), $"{column.Name} is empty: the row cannot be placed in time.");
                        ok = false;
                    }
                    else
                    {
                        _issues.Warning(line, column.Name, text.ToString(), $"Mandatory column {column.Name} is empty; stored as unknown.");
                    }
                }

                continue;
            }

            switch (column.Kind)
            {
                case FocusValueKind.Money:
                    if (!ExactMoney.TryParse(text, out var parts, ParseDecimal))
                    {
                        _issues.Error(line, column.Name, text.ToString(), FocusValues.TryParseDecimal(text, out _)
                            ? $"{column.Name} is larger than {ExactMoney.MaxAbsoluteValue:N0} in absolute value."
                            : $"{column.Name} is not a number.");
                        ok = false;
                        break;
                    }

                    _moneyParts[bound.MoneyIndex] = parts;
                    insert.SetInteger(bound.Parameter, parts.Nanos);
                    insert.SetInteger(bound.Parameter + 1, parts.Attos);
                    break;

                case FocusValueKind.DateTime:
                    if (!FocusValues.TryParseTimestamp(text, out var timestamp))
                    {
                        _issues.Error(line, column.Name, text.ToString(), $"{column.Name} is not a date and time (expected e.g. 2024-09-01T00:00:00Z).");
                        ok = false;
                        break;
                    }

                    var seconds = new DateTimeOffset(timestamp, TimeSpan.Zero).ToUnixTimeSeconds();
                    insert.SetInteger(bound.Parameter, seconds);
                    if (ReferenceEquals(bound.Column, _billingPeriodStart?.Column)) billingPeriodStart = seconds;
                    else if (ReferenceEquals(bound.Column, _billingPeriodEnd?.Column)) billingPeriodEnd = seconds;
                    else if (ReferenceEquals(bound.Column, _chargePeriodStart?.Column)) chargePeriodStart = seconds;
                    else if (ReferenceEquals(bound.Column, _chargePeriodEnd?.Column)) chargePeriodEnd = seconds;
                    break;

                case FocusValueKind.Dimension:
                    if (bound.Allowed is not null && !bound.Allowed.Value.Contains(text))
                    {
                        _issues.Warning(line, column.Name, text.ToString(),
                            $"{column.Name} '{text}' is not one of the FOCUS values ({string.Join(", ", column.AllowedValues!)}); kept as delivered.");
                    }

                    long id;
                    if (_lastDimensionText[bound.DimensionIndex] is { } lastText && text.SequenceEqual(lastText))
                    {
                        id = _lastDimensionId[bound.DimensionIndex]; // consecutive rows repeat most values
                    }
                    else
                    {
                        id = interner.Intern(text);
                        _lastDimensionText[bound.DimensionIndex] = interner.ValueOf(text);
                        _lastDimensionId[bound.DimensionIndex] = id;
                    }

                    _dimensionIds[bound.DimensionIndex] = id;
                    insert.SetInteger(bound.Parameter, id);
                    break;

                case FocusValueKind.Quantity:
                    if (!FocusValues.TryParseDecimal(text, out _))
                    {
                        _issues.Error(line, column.Name, text.ToString(), $"{column.Name} is not a number.");
                        ok = false;
                        break;
                    }

                    insert.SetText(bound.Parameter, text.ToString());
                    break;

                case FocusValueKind.Json when column.Name == "Tags":
                    if (!TryInternTags(text, line, interner, out var tagSet))
                    {
                        ok = false;
                        break;
                    }

                    if (tagSet is { } t)
                    {
                        tagSetId = t;
                        insert.SetInteger(bound.Parameter, t);
                    }

                    break;

                case FocusValueKind.Json:
                    if (!IsValidJson(bound, text))
                    {
                        _issues.Error(line, column.Name, text.ToString(), $"{column.Name} is not valid JSON.");
                        ok = false;
                        break;
                    }

                    insert.SetText(bound.Parameter, text.ToString());
                    break;
            }
        }

        if (!ok)
        {
            return false;
        }

        if (billingPeriodEnd is { } bpe && billingPeriodStart is { } bps && bpe <= bps)
        {
            _issues.Warning(line, "BillingPeriodEnd", null, "BillingPeriodEnd is not after BillingPeriodStart.");
        }

        if (chargePeriodEnd is { } cpe && chargePeriodStart is { } cps && cpe < cps)
        {
            _issues.Warning(line, "ChargePeriodEnd", null, "ChargePeriodEnd is before ChargePeriodStart.");
        }

        if (_issues.ErrorCount > 0)
        {
            return true; // Validation continues; nothing more to prepare.
        }

        BindExtensions(reader, insert);
        chargeDay = (int)Math.Floor(chargePeriodStart!.Value / (double)SecondsPerDay);
        var account = _billingAccount is null ? "" : reader.GetField(_billingAccount.HeaderIndex).Trim();
        if (FocusValues.IsNull(account))
        {
            account = [];
        }

        slice = GetSlice(account, billingPeriodStart!.Value, billingPeriodEnd, reader);
        slice.RowCount++;
        if (chargePeriodEnd is { } end)
        {
            // "Data as of" follows usage: purchases and month-end charges span the whole month ahead.
            slice.DataThroughAny = Math.Max(slice.DataThroughAny, end);
            if (_dimensionIds[_chargeCategorySlot] == _usageId)
            {
                slice.DataThroughUsage = Math.Max(slice.DataThroughUsage, end);
            }
        }

        TagSetOfRow = tagSetId;
        return true;
    }

    private long TagSetOfRow { get; set; }

    private Utf8JsonWriter? _extensionsWriter;

    private SliceState? _lastSlice;

    private SliceState GetSlice(ReadOnlySpan<char> account, long periodStart, long? periodEnd, IFocusRecordReader reader)
    {
        if (_lastSlice is { } last && last.PeriodStart == periodStart && account.SequenceEqual(last.Account))
        {
            return last;
        }

        var key = (account.ToString(), periodStart);
        if (_slices.TryGetValue(key, out var existing))
        {
            _lastSlice = existing;
            return existing;
        }

        var provider = FieldOrNull(reader, "ServiceProviderName") ?? FieldOrNull(reader, "ProviderName");
        var slice = new BillingSlice
        {
            ImportId = _importId,
            BillingAccountId = key.Item1,
            BillingAccountName = FieldOrNull(reader, "BillingAccountName"),
            ProviderName = provider,
            BillingPeriodStart = DateTimeOffset.FromUnixTimeSeconds(periodStart),
            BillingPeriodEnd = DateTimeOffset.FromUnixTimeSeconds(periodEnd ?? periodStart),
            IsCurrent = false,
            Id = _nextSliceId++, // saved with the ledger at the end; the rows refer to it meanwhile
        };
        var state = new SliceState(slice, key.Item1, periodStart);
        _slices[key] = state;
        _lastSlice = state;
        return state;
    }

    private string? FieldOrNull(IFocusRecordReader reader, string name)
    {
        var bound = _columns.FirstOrDefault(c => c.Column.Name == name);
        if (bound is null)
        {
            return null;
        }

        var text = reader.GetField(bound.HeaderIndex).Trim();
        return FocusValues.IsNull(text) ? null : text.ToString();
    }

    /// <summary>Validates a JSON column; values already seen valid are remembered (JSON columns repeat a lot).</summary>
    private bool IsValidJson(BoundColumn bound, ReadOnlySpan<char> text)
    {
        var seen = _validJson[bound.Parameter] ??= new HashSet<string>(StringComparer.Ordinal);
        if (seen.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text))
        {
            return true;
        }

        var value = text.ToString();
        try
        {
            using var document = JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            return false;
        }

        if (seen.Count < MaxRememberedJsonValues)
        {
            seen.Add(value);
        }

        return true;
    }

    /// <summary>Interns the canonical form of a Tags JSON object (keys sorted) and its key/value entries.</summary>
    private bool TryInternTags(ReadOnlySpan<char> text, long line, DimensionInterner interner, out long? tagSetId)
    {
        if (_tagSetsBySpan.TryGetValue(text, out tagSetId))
        {
            return true;
        }

        var raw = text.ToString();
        Dictionary<string, string> tags;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _issues.Error(line, "Tags", raw, "Tags is not a JSON object.");
                return false;
            }

            tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                tags[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            }
        }
        catch (JsonException ex)
        {
            _issues.Error(line, "Tags", raw, $"Tags is not valid JSON: {ex.Message}");
            return false;
        }

        if (tags.Count == 0)
        {
            tagSetId = null;
            _tagSets[raw] = null;
            return true;
        }

        var canonical = CanonicalTagJson(tags);
        var id = interner.Intern(canonical, out var isNew);
        if (isNew)
        {
            foreach (var (key, value) in tags)
            {
                _newTags.Add((id, interner.Intern(key), interner.Intern(value)));
            }
        }

        tagSetId = id;
        _tagSets[raw] = id;
        return true;
    }

    /// <summary>The tag set as a JSON object of strings with keys in ordinal order: equal tag sets intern to one id.</summary>
    public static string CanonicalTagJson(IReadOnlyDictionary<string, string> tags)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void BindExtensions(IFocusRecordReader reader, LineItemBatch insert)
    {
        if (_extensionColumns.Count == 0)
        {
            return;
        }

        var buffer = _json.Rent();
        var written = false;
        var writer = _extensionsWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        {
            writer.WriteStartObject();
            foreach (var (index, name) in _extensionColumns)
            {
                var text = reader.GetField(index);
                if (FocusValues.IsNull(text))
                {
                    continue;
                }

                writer.WriteString(name, text);
                written = true;
            }

            writer.WriteEndObject();
            writer.Flush();
        }

        if (written)
        {
            insert.SetText(_extensionsParameter, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private void Accumulate(SliceState slice, int chargeDay)
    {
        var key = new RollupKey(slice.Id, chargeDay, RollupKey.Id(TagSetOfRow),
            Slot(0), Slot(1), Slot(2), Slot(3), Slot(4), Slot(5), Slot(6), Slot(7), Slot(8), Slot(9), Slot(10), Slot(11), Slot(12), Slot(13), Slot(14));
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(_rollups, key, out _);
        sums.Rows++;
        sums.Add(0, _moneyParts[0]);
        sums.Add(1, _moneyParts[1]);
        sums.Add(2, _moneyParts[2]);
        sums.Add(3, _moneyParts[3]);

        var currency = Slot(0);
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_totals, currency, out _);
        total.Rows++;
        total.Add(0, _moneyParts[0]);
        total.Add(1, _moneyParts[1]);
        total.Add(2, _moneyParts[2]);
        total.Add(3, _moneyParts[3]);
    }

    private int Slot(int rollupDimension) => RollupKey.Id(_dimensionIds[RollupDimensionSlots[rollupDimension]]);

    /// <summary>A later delivery for the same (billing account, billing period) replaces the earlier one.</summary>
    private async Task ReplaceSlicesAsync(CancellationToken ct)
    {
        foreach (var state in _slices.Values)
        {
            var slice = state.Slice;
            var previous = await _db.BillingSlices
                .Where(s => s.BillingAccountId == slice.BillingAccountId && s.BillingPeriodStart == slice.BillingPeriodStart
                    && s.IsCurrent && s.Id != slice.Id)
                .ToListAsync(ct);
            foreach (var old in previous)
            {
                await _db.Database.ExecuteSqlAsync($"DELETE FROM LineItems WHERE SliceId = {old.Id}", ct);
                await _db.Database.ExecuteSqlAsync($"DELETE FROM RollupChunks WHERE SliceId = {old.Id}", ct);
                old.IsCurrent = false;
                old.SupersededByImportId = _importId;
            }

            _db.BillingSlices.Add(slice);
            slice.IsCurrent = true;
            slice.RowCount = state.RowCount;
            var through = state.DataThroughUsage != long.MinValue ? state.DataThroughUsage : state.DataThroughAny;
            slice.DataThrough = through == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(through);
        }

        await _db.SaveChangesAsync(ct);
    }

    private async Task<IReadOnlyList<ImportCurrencyTotal>> BuildTotalsAsync(CancellationToken ct)
    {
        var ids = _totals.Keys.Where(k => k != 0).ToList();
        var names = await _db.DimensionValues.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Value, ct);
        return _totals
            .Select(kv => new ImportCurrencyTotal
            {
                ImportId = _importId,
                BillingCurrency = kv.Key == 0 ? "" : names[kv.Key],
                RowCount = kv.Value.Rows,
                BilledCost = kv.Value.Total(0),
                EffectiveCost = kv.Value.Total(1),
                ListCost = kv.Value.Total(2),
                ContractedCost = kv.Value.Total(3),
            })
            .OrderBy(t => t.BillingCurrency, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record BoundColumn(FocusColumn Column, int HeaderIndex, int Parameter, int MoneyIndex, int DimensionIndex,
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? Allowed);

    private sealed class SliceState(BillingSlice slice, string account, long periodStart)
    {
        public BillingSlice Slice { get; } = slice;
        public string Account { get; } = account;
        public long PeriodStart { get; } = periodStart;
        public long Id => Slice.Id;
        public long RowCount { get; set; }
        public long DataThroughUsage { get; set; } = long.MinValue;
        public long DataThroughAny { get; set; } = long.MinValue;
    }

    /// <summary>One reusable buffer for the per-row extensions JSON.</summary>
    private sealed class ArrayBufferWriterPool
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1024);

        public System.Buffers.ArrayBufferWriter<byte> Rent()
        {
            _buffer.ResetWrittenCount();
            return _buffer;
        }
    }

}
