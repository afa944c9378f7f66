using Microsoft.Extensions.Logging;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>One log entry seen by <see cref="CapturingLoggerProvider"/>.</summary>
internal sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
