using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>Keeps every log entry so tests can check which events fired and how often.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId Id, string Message)> Entries { get; } = new();

    public int Count(string eventName) => Entries.Count(e => e.Id.Name == eventName);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, formatter(state, exception)));
}
