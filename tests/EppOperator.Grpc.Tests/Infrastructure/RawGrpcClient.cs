using System.Net;
using System.Security.Cryptography.X509Certificates;
using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>
/// Sends hand-made HTTP requests to a gRPC server — any body bytes, content type, headers or HTTP version — and
/// returns everything the server answered, so tests can check the exact wire behaviour for bad input.
/// </summary>
internal sealed class RawGrpcClient : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _address;

    public RawGrpcClient(Uri address, X509Certificate2? trustedCa = null)
    {
        _address = address;
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (trustedCa is not null)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(trustedCa);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        _invoker = new HttpMessageInvoker(handler);
    }

    /// <summary>Builds the bytes of one framed message.</summary>
    public static byte[] Frame(byte[] payload, byte compressedFlag = 0)
    {
        var frame = new byte[GrpcFraming.HeaderSize + payload.Length];
        GrpcFraming.WriteHeader(frame, compressed: false, payload.Length);
        frame[0] = compressedFlag;
        payload.CopyTo(frame, GrpcFraming.HeaderSize);
        return frame;
    }

    public async Task<RawGrpcResponse> PostAsync(
        string path,
        byte[] body,
        string? contentType = GrpcProtocolConstants.GrpcContentType,
        IReadOnlyDictionary<string, string>? headers = null,
        Version? version = null,
        HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(_address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (contentType is not null || body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _invoker.SendAsync(request, CancellationToken.None);
        var responseBody = await response.Content.ReadAsByteArrayAsync();
        return new RawGrpcResponse(
            response.StatusCode,
            Collect(response.Headers.Concat(response.Content.Headers)),
            Collect(response.TrailingHeaders),
            responseBody);
    }

    public void Dispose() => _invoker.Dispose();

    private static Dictionary<string, string> Collect(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
}
