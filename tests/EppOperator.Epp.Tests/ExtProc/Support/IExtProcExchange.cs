using Envoy.Service.ExtProc.V3;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>One ext_proc stream as the proxy sees it, in process or over the wire.</summary>
internal interface IExtProcExchange : IAsyncDisposable
{
    Task SendAsync(ProcessingRequest message);

    /// <summary>The next reply; null when the server ended the stream. Fails the test after a generous timeout.</summary>
    Task<ProcessingResponse?> ReadAsync();

    /// <summary>True if no reply arrives within <paramref name="wait"/> (the server is holding its answer).</summary>
    Task<bool> IsSilentForAsync(TimeSpan wait);

    /// <summary>Half-closes the request stream, as the proxy does at the end of the exchange.</summary>
    Task CompleteAsync();

    /// <summary>Resets the stream, as the proxy does when the client disconnects.</summary>
    Task ResetAsync();

    /// <summary>After the server ended the stream: the gRPC status code it reported (0 = OK).</summary>
    Task<int> StatusAsync();
}
