using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// The gateway's side of one ext_proc stream (one per HTTP exchange): writes never overlap, every read waits at
/// most the EPP timeout, and transport errors come back as <see cref="ExtProcFailure"/> values.
/// </summary>
internal sealed class ExtProcClientStream : IDisposable
{
    private readonly GrpcCall<ProcessingRequest, ProcessingResponse> _call;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private ExtProcFailure? _writeFailure;

    private ExtProcClientStream(GrpcCall<ProcessingRequest, ProcessingResponse> call, TimeSpan timeout, TimeProvider time)
    {
        _call = call;
        _timeout = timeout;
        _time = time;
    }

    /// <summary>Opens the stream; the connection is made (and may fail) with the first write.</summary>
    public static ExtProcClientStream Open(GrpcChannel channel, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        new(channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser, new CallOptions(CancellationToken: cancellationToken)), timeout, time);

    /// <summary>Sends one message; null when it went out. After a failed write every later write fails the same way.</summary>
    public async ValueTask<ExtProcFailure?> SendAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writeFailure is not null) return _writeFailure;
            await _call.RequestStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return _writeFailure = FromStatus(ex.Status);
        }
        catch (InvalidOperationException ex)
        {
            // The EPP already ended the call; the read side reports how.
            return _writeFailure = new ExtProcFailure(ExtProcFailureKind.Stream, ex.Message);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Half-closes the request side: the EPP's reader sees the end of the stream.</summary>
    public Task CompleteAsync() => _call.RequestStream.CompleteAsync();

    /// <summary>The next message, a clean close, or a failure; the wait is bounded by the EPP timeout, and running out
    /// cancels the stream.</summary>
    public ValueTask<ExtProcRead> ReadAsync(CancellationToken cancellationToken) => ReadAsync(bounded: true, cancellationToken);

    /// <summary>As <see cref="ReadAsync(CancellationToken)"/> without the EPP timeout, for FULL_DUPLEX_STREAMED response
    /// bodies: the next piece comes when the model produces it.</summary>
    public ValueTask<ExtProcRead> ReadUnboundedAsync(CancellationToken cancellationToken) => ReadAsync(bounded: false, cancellationToken);

    private async ValueTask<ExtProcRead> ReadAsync(bool bounded, CancellationToken cancellationToken)
    {
        using var deadline = bounded ? new CancellationTokenSource(_timeout, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await _call.ResponseStream.MoveNext(linked.Token).ConfigureAwait(false)
                ? new ExtProcRead(_call.ResponseStream.Current, null)
                : new ExtProcRead(null, null);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException) when (deadline.IsCancellationRequested)
        {
            return new ExtProcRead(null, new ExtProcFailure(ExtProcFailureKind.Timeout, $"no answer from the EPP within {_timeout.TotalSeconds:0.###}s"));
        }
        catch (RpcException ex)
        {
            return new ExtProcRead(null, FromStatus(ex.Status));
        }
    }

    public void Dispose()
    {
        _call.Dispose();
        _writeGate.Dispose();
    }

    private static ExtProcFailure FromStatus(Status status) => new(
        status.StatusCode == StatusCode.Unavailable ? ExtProcFailureKind.Unavailable : ExtProcFailureKind.Stream,
        $"{status.StatusCode}: {status.Detail}");
}
