namespace EppOperator.Epp.Requests;

/// <summary>One weighted destination of a rewrite rule (<c>rules[].targets[]</c>).</summary>
internal sealed record ModelRewriteTarget(string Model, int Weight);
