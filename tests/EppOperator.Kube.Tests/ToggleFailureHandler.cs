namespace EppOperator.Kube.Tests;

/// <summary>A client-side network partition: while <see cref="Fail"/> is set, every request fails to connect.</summary>
internal sealed class ToggleFailureHandler : DelegatingHandler
{
    public volatile bool Fail;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Fail ? throw new HttpRequestException("partitioned by the test") : base.SendAsync(request, cancellationToken);
}
