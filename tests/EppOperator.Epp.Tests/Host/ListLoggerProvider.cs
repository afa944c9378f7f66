using EppOperator.Epp.Tests.Datalayer;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tests.Host;

/// <summary>Hands one <see cref="ListLogger{T}"/> to every category, so a test sees everything a host logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ListLogger<ListLoggerProvider> Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void Dispose()
    {
    }
}
