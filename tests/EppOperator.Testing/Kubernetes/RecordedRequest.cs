namespace EppOperator.Testing.Kubernetes;

/// <summary>One request the fixture received, for assertions (e.g. how many LISTs a relist caused).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string including the leading <c>?</c>, or empty.</param>
/// <param name="UserAgent">User-Agent header.</param>
/// <param name="IsWatch">True for watch requests.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string UserAgent, bool IsWatch);
