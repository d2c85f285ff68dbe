using System.Globalization;

namespace FinOps.Domain.Forecasting;

/// <summary>A forecast of a sum of future days: the point forecast and its 80 % prediction interval.</summary>
public sealed record ForecastRange(decimal Point, decimal Low, decimal High)
{
    /// <summary>Adds a known amount (e.g. the actual cost so far) to every bound.</summary>
    public ForecastRange Plus(decimal known) => new(Point + known, Low + known, High + known);

    public bool Covers(decimal value) => value >= Low && value <= High;
}

/// <summary>
/// Forecasts a daily cost series with weekly seasonality and a damped trend: additive Holt-Winters in its
/// state-space (error-correction) form, ETS(A,Ad,A) with a season of 7 days. The smoothing parameters are chosen per
/// series from a small grid by the in-sample one-step-ahead squared error; the 80 % interval of any sum of future days
/// comes from the model's own error propagation (decision 009). Deterministic; statistics in <c>double</c>, results
/// rounded to 4 decimal places.
/// </summary>
public sealed class DailyForecaster
{
    public const string MethodName = "holt-winters-damped";

    /// <summary>Days in a season (weekly pattern).</summary>
    public const int SeasonLength = 7;

    /// <summary>Fewer complete days than this: no seasonality (level and trend only).</summary>
    public const int MinDaysForSeasonality = 2 * SeasonLength;

    /// <summary>Fewer complete days than this: no forecast at all.</summary>
    public const int MinDays = 3;

    /// <summary>The standard normal quantile of 0.9: an 80 % central interval is the point ± 1.2816 σ.</summary>
    public const double Z80 = 1.2815515655446004;

    private static readonly double[] Alphas = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7];
    private static readonly double[] Betas = [0, 0.01, 0.03, 0.1];
    private static readonly double[] Gammas = [0.05, 0.15, 0.3];
    private static readonly double[] Phis = [0.9, 0.98, 1.0];

    /// <summary>
    /// Fits the model to <paramref name="history"/> (complete days, oldest first, day <c>i</c> = <paramref name="start"/>
    /// + i) and forecasts <paramref name="horizonDays"/> days after it. Null when the history is shorter than
    /// <see cref="MinDays"/>.
    /// </summary>
    public DailyForecast? Forecast(DateOnly start, IReadOnlyList<decimal> history, int horizonDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        if (history.Count < MinDays)
        {
            return null;
        }

        var y = history.Select(v => (double)v).ToArray();
        var seasonal = y.Length >= MinDaysForSeasonality;
        var best = (Sse: double.PositiveInfinity, Fit: default(Fit));
        foreach (var alpha in Alphas)
        {
            foreach (var beta in Betas.Where(b => b <= alpha))
            {
                foreach (var gamma in seasonal ? Gammas.Where(g => g <= 1 - alpha) : [0.0])
                {
                    foreach (var phi in beta == 0 ? [1.0] : Phis)
                    {
                        var fit = Run(y, start, seasonal, alpha, beta, gamma, phi);
                        if (fit.Sse < best.Sse)
                        {
                            best = (fit.Sse, fit);
                        }
                    }
                }
            }
        }

        return best.Fit.Project(start.AddDays(history.Count), horizonDays);
    }

    private static Fit Run(double[] y, DateOnly start, bool seasonal, double alpha, double beta, double gamma, double phi)
    {
        // Initial state from the first two weeks (or the first days without seasonality): the first week's mean is the
        // level in its middle, the change to the second week's mean the trend, the first week's deviations the season.
        double level, trend;
        var season = new double[SeasonLength];
        if (seasonal)
        {
            var week1 = y.Take(SeasonLength).Average();
            var week2 = y.Skip(SeasonLength).Take(SeasonLength).Average();
            trend = (week2 - week1) / SeasonLength;
            level = week1 - 4 * trend;
            for (var i = 0; i < SeasonLength; i++)
            {
                season[Weekday(start.AddDays(i))] = y[i] - (week1 + (i - 3) * trend);
            }

            var mean = season.Average();
            for (var i = 0; i < SeasonLength; i++)
            {
                season[i] -= mean;
            }
        }
        else
        {
            level = y[0];
            trend = 0;
        }

        var warmUp = seasonal ? SeasonLength : 1;
        double sse = 0;
        var counted = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var weekday = Weekday(start.AddDays(t));
            var predicted = level + phi * trend + season[weekday];
            var error = y[t] - predicted;
            if (t >= warmUp)
            {
                sse += error * error;
                counted++;
            }

            level = level + phi * trend + alpha * error;
            trend = phi * trend + beta * error;
            if (seasonal)
            {
                season[weekday] += gamma * error;
            }
        }

        var parameters = 1 + (seasonal ? 1 : 0) + (beta > 0 ? 2 : 0);
        var sigma = Math.Sqrt(sse / Math.Max(1, counted - parameters));
        return new Fit(sse, level, trend, season, alpha, beta, gamma, phi, sigma, seasonal, y.Length);
    }

    private static int Weekday(DateOnly day) => (int)day.DayOfWeek;

    private readonly record struct Fit(double Sse, double Level, double Trend, double[] Season, double Alpha, double Beta, double Gamma,
        double Phi, double Sigma, bool Seasonal, int Days)
    {
        public DailyForecast Project(DateOnly first, int horizonDays)
        {
            var points = new double[horizonDays];
            var coefficients = new double[horizonDays];
            double damping = 0, phiPower = 1;
            for (var h = 1; h <= horizonDays; h++)
            {
                phiPower *= Phi;
                damping += phiPower;
                var day = first.AddDays(h - 1);
                points[h - 1] = Level + damping * Trend + Season[Weekday(day)];
            }

            // c_j of ETS(A,Ad,A): how the error j days before a day moves it (Hyndman et al. 2008, ch. 6):
            // c_0 = 1, c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod 7 == 0].
            double sumPhi = 0, power = 1;
            for (var j = 0; j < horizonDays; j++)
            {
                if (j == 0)
                {
                    coefficients[j] = 1;
                    continue;
                }

                power *= Phi;
                sumPhi += power;
                coefficients[j] = Alpha + Beta * sumPhi + (Seasonal && j % SeasonLength == 0 ? Gamma : 0);
            }

            var description = string.Create(CultureInfo.InvariantCulture,
                $"{MethodName}: alpha {Alpha}, beta {Beta}, gamma {Gamma}, phi {Phi}, {(Seasonal ? "weekly season" : "no season (under 14 days)")}, σ {Sigma:0.##} per day, fitted on {Days} days");
            return new DailyForecast(first, points, coefficients, Sigma, description);
        }
    }
}

/// <summary>
/// The forecast of the days from <see cref="Start"/> on: a point per day (never below 0) and the 80 % interval of any
/// sum of consecutive forecast days, from the model's error coefficients (errors of the days in between add up, so the
/// interval of a month is much wider than 30 daily intervals would suggest if they were independent).
/// </summary>
public sealed class DailyForecast
{
    private readonly double[] _points;
    private readonly double[] _cumulativeCoefficients;

    internal DailyForecast(DateOnly start, double[] points, double[] coefficients, double sigma, string description)
    {
        Start = start;
        _points = points;
        Sigma = sigma;
        Description = description;
        _cumulativeCoefficients = new double[coefficients.Length];
        double sum = 0;
        for (var j = 0; j < coefficients.Length; j++)
        {
            sum += coefficients[j];
            _cumulativeCoefficients[j] = sum;
        }
    }

    /// <summary>The first forecast day.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last forecast day.</summary>
    public DateOnly End => Start.AddDays(_points.Length);

    /// <summary>The standard deviation of one-day-ahead errors (in-sample), in the series' currency.</summary>
    public double Sigma { get; }

    /// <summary>The method, its fitted parameters and σ, for people.</summary>
    public string Description { get; }

    /// <summary>The point forecast of each day, from <see cref="Start"/>.</summary>
    public IReadOnlyList<decimal> Days => _points.Select(p => Round(Math.Max(0, p))).ToList();

    /// <summary>The sum of the days from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), within the forecast.</summary>
    public ForecastRange Sum(DateOnly from, DateOnly to)
    {
        if (from < Start || to > End || to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} is not within the forecast {Start:yyyy-MM-dd}..{End:yyyy-MM-dd}");
        }

        if (to == from)
        {
            return new ForecastRange(0, 0, 0);
        }

        var a = from.DayNumber - Start.DayNumber + 1;
        var b = to.DayNumber - Start.DayNumber;
        double point = 0;
        for (var h = a; h <= b; h++)
        {
            point += Math.Max(0, _points[h - 1]);
        }

        // The error of day k (1..b) reaches every day h >= k of the sum with weight c_{h-k}.
        double variance = 0;
        for (var k = 1; k <= b; k++)
        {
            var weight = _cumulativeCoefficients[b - k] - (Math.Max(a, k) - k - 1 >= 0 ? _cumulativeCoefficients[Math.Max(a, k) - k - 1] : 0);
            variance += weight * weight;
        }

        var half = DailyForecaster.Z80 * Sigma * Math.Sqrt(variance);
        return new ForecastRange(Round(point), Round(Math.Max(0, point - half)), Round(point + half));
    }

    /// <summary>The sum from <see cref="Start"/> to the end of each day up to <paramref name="to"/> (exclusive), with its interval.</summary>
    public IReadOnlyList<(DateOnly Day, ForecastRange Cumulative)> Cumulative(DateOnly to) =>
        Enumerable.Range(0, Math.Max(0, to.DayNumber - Start.DayNumber))
            .Select(i => (Start.AddDays(i), Sum(Start, Start.AddDays(i + 1))))
            .ToList();

    private static decimal Round(double value) => Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero);
}
