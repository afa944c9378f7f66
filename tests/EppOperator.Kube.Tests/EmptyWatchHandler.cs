using System.Net;

namespace EppOperator.Kube.Tests;

/// <summary>Plays a misbehaving proxy: every watch request gets 200 with an empty body; other requests pass through.</summary>
internal sealed class EmptyWatchHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]), RequestMessage = request })
            : base.SendAsync(request, cancellationToken);
}
