using System.Text.Json;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// v1 <c>status.parents</c>: our entries carry <c>controllerName: eppoperator.io/epp-operator</c>; entries of other
/// controllers are never touched, even though the list is atomic. At most 32 entries are kept.
/// </summary>
internal sealed class V1PoolStatusWriter(KubernetesClient client, TimeProvider time) : IPoolStatusWriter
{
    public const int MaxParents = 32;

    public IReadOnlyList<Condition>? PreviousConditions(IKubernetesObject pool) => Own((V1InferencePool)pool).FirstOrDefault()?.Conditions;

    public async Task<bool> WriteAsync(IKubernetesObject pool, PoolPlan? plan, CancellationToken cancellationToken) =>
        (await KubeRetry.ModifyAsync(client, (V1InferencePool)pool, current =>
        {
            if (Desired(current, plan, time.GetUtcNow()) is not { } parents) return false;
            current.Status ??= new V1InferencePoolStatus();
            current.Status.Parents = parents;
            return true;
        }, client.UpdateStatusAsync, cancellationToken).ConfigureAwait(false)).Written;

    /// <summary>The new parents list, or null when the current one already says the same.</summary>
    internal static List<V1ParentStatus>? Desired(V1InferencePool pool, PoolPlan? plan, DateTimeOffset now)
    {
        var existing = pool.Status?.Parents ?? [];
        var own = existing.Where(IsOurs).ToList();
        var others = existing.Where(p => !IsOurs(p)).ToList();
        var generation = pool.Metadata.Generation ?? 0;
        var wanted = new List<V1ParentStatus>();
        foreach (var parent in plan?.Parents ?? [])
        {
            var previous = own.FirstOrDefault(p => Same(p.ParentRef, parent));
            var conditions = ConditionUpdates.ForPool(plan!, generation, previous?.Conditions, now);
            wanted.Add(new V1ParentStatus
            {
                ParentRef = new V1ParentReference { Group = parent.Group, Kind = parent.Kind, Name = parent.Name, Namespace = parent.Namespace },
                ControllerName = OperatorConstants.ControllerName,
                Conditions = conditions,
            });
        }

        var result = others.Concat(wanted).Take(MaxParents).ToList();
        return Serialize(result) == Serialize(existing) ? null : result;
    }

    private static IEnumerable<V1ParentStatus> Own(V1InferencePool pool) => pool.Status?.Parents?.Where(IsOurs) ?? [];

    private static bool IsOurs(V1ParentStatus status) => status.ControllerName == OperatorConstants.ControllerName;

    private static bool Same(V1ParentReference reference, PoolParent parent) =>
        (reference.Group ?? "gateway.networking.k8s.io") == parent.Group && (reference.Kind ?? "Gateway") == parent.Kind && reference.Name == parent.Name && (reference.Namespace ?? parent.Namespace) == parent.Namespace;

    private static string Serialize(List<V1ParentStatus> parents) =>
        JsonSerializer.Serialize(new V1InferencePoolStatus { Parents = parents }, KubeJsonContext.Default.V1InferencePoolStatus);
}
