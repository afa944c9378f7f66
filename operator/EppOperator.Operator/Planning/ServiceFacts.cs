using EppOperator.Kube.Entities.Core;

namespace EppOperator.Operator.Planning;

/// <summary>What the cluster holds under a Service name the pool refers to.</summary>
/// <param name="Type">ClusterIP, NodePort, LoadBalancer or ExternalName.</param>
/// <param name="Ports">The Service's ports.</param>
/// <param name="ManagedForPool">True when the operator created it for this very pool.</param>
internal sealed record ServiceFacts(string Type, IReadOnlyList<int> Ports, bool ManagedForPool)
{
    /// <summary>The facts of a Service object; an unset type is Kubernetes' default, ClusterIP.</summary>
    public static ServiceFacts Of(Service service, bool managedForPool) =>
        new(service.Spec?.Type ?? "ClusterIP", [.. service.Spec?.Ports?.Select(p => p.Port) ?? []], managedForPool);
}
