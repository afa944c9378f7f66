using System.Net;
using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Epp.Grpc.Client;

/// <summary>
/// A request body that stays open while the caller writes messages: HttpClient hands over the request stream, the
/// call writes frames into it, and completing the content ends the request (END_STREAM).
/// </summary>
internal sealed class DuplexRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DuplexRequestContent()
    {
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocolConstants.GrpcContentType);
    }

    /// <summary>The request stream once HttpClient has started sending the body.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request body normally.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the request body with an error, which makes HttpClient reset the stream.</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        return _completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
