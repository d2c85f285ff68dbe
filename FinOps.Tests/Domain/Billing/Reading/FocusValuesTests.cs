using System.Globalization;
using FinOps.Domain.Billing.Reading;

namespace FinOps.Tests.Domain.Billing.Reading;

public sealed class FocusValuesTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("\t", true)]
    [InlineData("NULL", true)]
    [InlineData("null", true)]
    [InlineData("Null", true)]
    [InlineData(" NULL ", true)]
    [InlineData("0", false)]
    [InlineData("NULLS", false)]
    [InlineData("nil", false)]
    [InlineData("\"\"", false)]
    [InlineData("None", false)]
    public void IsNull_RecognizesEmptyAndNullLiterals(string text, bool expected) =>
        Assert.Equal(expected, FocusValues.IsNull(text));

    [Theory]
    [InlineData("0", "0")]
    [InlineData("12.5", "12.5")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("+12.5", "12.5")]
    [InlineData("0.00000080000", "0.0000008")]
    [InlineData("0.00001605990", "0.0000160599")]
    [InlineData("2.000000000000000", "2")]
    [InlineData("18.00663861840", "18.0066386184")]
    [InlineData("1234567890.1234567890123", "1234567890.1234567890123")]
    [InlineData("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("1.5E-7", "0.00000015")]
    [InlineData("1.5e-7", "0.00000015")]
    [InlineData("2E+3", "2000")]
    [InlineData("-3.25E2", "-325")]
    [InlineData(" 42 ", "42")]
    [InlineData("\t7.5\r\n", "7.5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("007", "7")]
    public void TryParseDecimal_AcceptsInvariantNumbers(string text, string expected)
    {
        Assert.True(FocusValues.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("12,5")]
    [InlineData("1,000.5")]
    [InlineData("1 000")]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("NULL")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("1-")]
    [InlineData("$5")]
    [InlineData("(5)")]
    [InlineData("0x1F")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1E")]
    [InlineData("1E400")]
    [InlineData("79228162514264337593543950336")]
    public void TryParseDecimal_RejectsAnythingElse(string text) =>
        Assert.False(FocusValues.TryParseDecimal(text, out _));

    [Theory]
    [InlineData("0.00000080000")]
    [InlineData("-1.10")]
    [InlineData("1234567890123456789")]
    [InlineData("12345678901234567890")]
    [InlineData("0.1234567890123456789012345678")]
    [InlineData("100")]
    public void TryParseDecimal_KeepsTheScaleOfTheText(string text)
    {
        Assert.True(FocusValues.TryParseDecimal(text, out var value));
        var expected = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2024-09-01T00:00:00Z", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01T00:00:00.000Z", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01T12:34:56.5Z", "2024-09-01T12:34:56.5000000")]
    [InlineData("2024-09-01T12:34:56.123Z", "2024-09-01T12:34:56.1230000")]
    [InlineData("2024-09-01T12:34:56.1234567Z", "2024-09-01T12:34:56.1234567")]
    [InlineData("2024-09-01T12:34:56.123456789Z", "2024-09-01T12:34:56.1234567")]
    [InlineData("2024-09-01 00:00:00", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-18 23:00:00", "2024-09-18T23:00:00.0000000")]
    [InlineData("2024-09-01T00:00:00", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01t08:30:00z", "2024-09-01T08:30:00.0000000")]
    [InlineData("2024-09-01T00:00Z", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01T00:00:00+00:00", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01T02:00:00+02:00", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-09-01T00:00:00-05:30", "2024-09-01T05:30:00.0000000")]
    [InlineData("2024-09-01T01:00:00.250+01:00", "2024-09-01T00:00:00.2500000")]
    [InlineData("2024-09-01T00:00:00+0200", "2024-08-31T22:00:00.0000000")]
    [InlineData("2024-09-01", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00.0000000")]
    [InlineData("  2024-09-01T00:00:00Z  ", "2024-09-01T00:00:00.0000000")]
    [InlineData("2024/09/01 10:00:00", "2024-09-01T10:00:00.0000000")]
    [InlineData("2024-9-1", "2024-09-01T00:00:00.0000000")]
    [InlineData("Sun, 01 Sep 2024 10:00:00 GMT", "2024-09-01T10:00:00.0000000")]
    public void TryParseTimestamp_AcceptsFocusFormatsAsUtc(string text, string expectedUtc)
    {
        Assert.True(FocusValues.TryParseTimestamp(text, out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expectedUtc, utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NULL")]
    [InlineData("abc")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-09-32")]
    [InlineData("2024-09-01T24:00:00Z")]
    [InlineData("2024-09-01T23:60:00Z")]
    [InlineData("2024-09-01T23:59:60Z")]
    [InlineData("2024-09-01T00:00:00.Z")]
    [InlineData("2024-09-01T00:00:00+25:00")]
    [InlineData("2024-09-01T00:00:00+02:7")]
    [InlineData("2024-09-01T00:00:00ZZ")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("12:00:00")]
    [InlineData("20240901")]
    [InlineData("1725148800")]
    [InlineData("2024-09-01Tnoon")]
    public void TryParseTimestamp_RejectsMalformedOrImpossibleValues(string text) =>
        Assert.False(FocusValues.TryParseTimestamp(text, out _));

    [Fact]
    public void TryParseTimestamp_SpaceAndTSeparatorsGiveTheSameInstant()
    {
        Assert.True(FocusValues.TryParseTimestamp("2024-09-30 22:00:00", out var spaced));
        Assert.True(FocusValues.TryParseTimestamp("2024-09-30T22:00:00.000Z", out var iso));

        Assert.Equal(iso, spaced);
    }

    [Fact]
    public void ParsersOnTheHotPath_DoNotAllocate()
    {
        var cost = "0.00001605990".AsSpan();
        var exponent = "1.5E-7".AsSpan();
        var timestamp = "2024-09-30 23:00:00".AsSpan();
        var ok = FocusValues.TryParseDecimal(cost, out _) & FocusValues.TryParseDecimal(exponent, out _)
            & FocusValues.TryParseTimestamp(timestamp, out _) & FocusValues.IsNull("NULL");
        Assert.True(ok);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = 0;
        for (var i = 0; i < 1000; i++)
        {
            if (FocusValues.TryParseDecimal(cost, out _) && FocusValues.TryParseDecimal(exponent, out _)
                && FocusValues.TryParseTimestamp(timestamp, out _) && FocusValues.IsNull("NULL"))
            {
                parsed++;
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, parsed);
        Assert.Equal(0, allocated);
    }
}
