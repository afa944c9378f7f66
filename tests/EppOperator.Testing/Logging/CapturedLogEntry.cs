using Microsoft.Extensions.Logging;

namespace EppOperator.Testing.Logging;

/// <summary>One log entry seen by <see cref="LogCapture"/>.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
