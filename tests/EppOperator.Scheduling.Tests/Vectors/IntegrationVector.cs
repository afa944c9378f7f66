using EppOperator.Epp.Datalayer;

namespace EppOperator.Scheduling.Tests.Vectors;

/// <summary>One scenario of <c>reference-integration.yaml</c>.</summary>
public sealed record IntegrationVector(string Name, string Prompt, string Model, string Target, IReadOnlyList<(int Queue, double Kv, string[] Active)> Pods, string Expected)
{
    public override string ToString() => Name;

    internal Endpoint[] Endpoints() =>
        [.. Pods.Select((p, i) => TestEndpoints.Create(i, p.Queue, p.Kv, p.Active))];
}
