using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EppOperator.Testing.Logging;

/// <summary>
/// Keeps every entry logged through it, at every level, so tests can assert on structured events and print the log
/// of a failed test. Use it as a provider (<see cref="CreateFactory"/>) or hand out loggers directly.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    /// <summary>What was logged so far, in order.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public ILoggerFactory CreateFactory(LogLevel minimum = LogLevel.Debug) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(minimum).AddProvider(this));

    /// <summary>How many entries carry the event of this <c>[LoggerMessage]</c> method name.</summary>
    public int Count(string eventName) => _entries.Count(e => e.EventId.Name == eventName);

    public string Dump() => string.Join('\n', _entries.Select(e =>
        $"{e.Level} {e.Category}[{e.EventId.Id}] {e.Message}{(e.Exception is null ? "" : " | " + e.Exception)}"));

    public void Dispose()
    {
    }

    private class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }

    private sealed class Logger<T>(LogCapture owner) : Logger(owner, typeof(T).FullName ?? typeof(T).Name), ILogger<T>;
}
