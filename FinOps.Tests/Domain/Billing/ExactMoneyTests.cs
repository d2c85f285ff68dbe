using System.Globalization;
using FinOps.Domain.Billing;
using FinOps.Domain.Billing.Reading;

namespace FinOps.Tests.Domain.Billing;

public sealed class ExactMoneyTests
{
    private static bool Parse(string text, out ExactMoney value) => ExactMoney.TryParse(text, out value, FocusValues.TryParseDecimal);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00000080000", "0.0000008")]
    [InlineData("-3.123456789012", "-3.123456789012")]
    [InlineData("+12", "12")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("1.1234567891234567891", "1.123456789123456789")]
    [InlineData("0.9999999999999999995", "1.000000000000000000")]
    [InlineData("-0.0000000009999999999995", "-0.000000001")]
    [InlineData("1E-7", "0.0000001")]
    [InlineData("1000000000", "1000000000")]
    [InlineData("-1000000000", "-1000000000")]
    public void TryParse_PlainAndExponentText_GivesTheExactValue(string text, string expected)
    {
        Assert.True(Parse(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value.ToDecimal());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("12,5")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1000000000.000000000000000001")]
    [InlineData("12345678901")]
    [InlineData("2E+10")]
    public void TryParse_NotANumberOrTooLarge_IsRefused(string text) => Assert.False(Parse(text, out _));

    [Fact]
    public void TryParse_RandomAmounts_AgreesWithDecimalArithmetic()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20_000; i++)
        {
            var amount = Math.Round((decimal)(random.NextDouble() * 2_000_000 - 1_000_000) / (decimal)Math.Pow(10, random.Next(0, 6)), random.Next(0, 19));
            var text = amount.ToString(CultureInfo.InvariantCulture);

            Assert.True(Parse(text, out var value), text);
            Assert.Equal(ExactMoney.FromDecimal(amount), value);
            Assert.Equal(amount, value.ToDecimal());
        }
    }

    [Fact]
    public void Sum_OfParts_RecombinesExactly()
    {
        string[] amounts = ["0.1", "0.2", "-0.3", "123456789.123456789123456789", "0.000000000000000001"];
        var sum = amounts.Select(a => Parse(a, out var v) ? v : throw new FormatException(a)).Aggregate((a, b) => a + b);

        Assert.Equal(amounts.Sum(a => Math.Round(decimal.Parse(a, CultureInfo.InvariantCulture), 18)), sum.ToDecimal());
    }
}
