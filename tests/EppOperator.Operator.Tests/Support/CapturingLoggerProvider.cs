using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Tests.Support;

/// <summary>Keeps log lines in memory, to print them when a test fails and to assert on structured events.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILoggerFactory CreateFactory(LogLevel minimum = LogLevel.Debug) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(minimum).AddProvider(this));

    public string Dump() => string.Join('\n', Lines.Select(l => $"{l.Level} {l.Category}[{l.Event.Id}] {l.Message}"));

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((category, logLevel, eventId, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
