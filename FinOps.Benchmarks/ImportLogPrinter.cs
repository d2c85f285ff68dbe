using Microsoft.Extensions.Logging;

namespace FinOps.Benchmarks;

/// <summary>Prints the import's own log lines (phase timers, checkpoint) to the console, indented under the benchmark's figures.</summary>
internal sealed class ImportLogPrinter : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.EndsWith(".ImportService", StringComparison.Ordinal) ? new Printer() : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Printer : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.WriteLine("  log: " + formatter(state, exception));
            }
        }
    }
}
