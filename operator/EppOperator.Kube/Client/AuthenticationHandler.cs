using System.Net.Http.Headers;
using System.Text;

namespace EppOperator.Kube.Client;

/// <summary>Adds the bearer token (re-read on rotation) or basic credentials to every request.</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly BearerTokenSource _tokens;
    private readonly AuthenticationHeaderValue? _basic;

    public AuthenticationHandler(BearerTokenSource tokens, string? username, string? password, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _tokens = tokens;
        if (!string.IsNullOrEmpty(username))
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_tokens.GetToken() is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_basic is not null)
        {
            request.Headers.Authorization = _basic;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
