using System.Text.Json;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// v1alpha2 <c>status.parent</c> has no controllerName, so our entries are the ones whose <c>parentRef.apiVersion</c>
/// is in the operator's group. The CRD's placeholder entry <c>{kind: Status, name: default}</c> is removed when we
/// add ours and put back when we leave and nobody else is there, as the field's documentation asks.
/// </summary>
internal sealed class V1Alpha2PoolStatusWriter(KubernetesClient client, TimeProvider time) : IPoolStatusWriter
{
    public const string ParentApiVersion = OperatorConstants.Domain + "/v1alpha1";

    public IReadOnlyList<Condition>? PreviousConditions(IKubernetesObject pool) => Own((V1Alpha2InferencePool)pool).FirstOrDefault()?.Conditions;

    public async Task<bool> WriteAsync(IKubernetesObject pool, PoolPlan? plan, CancellationToken cancellationToken) =>
        (await KubeRetry.ModifyAsync(client, (V1Alpha2InferencePool)pool, current =>
        {
            if (Desired(current, plan, time.GetUtcNow()) is not { } parents) return false;
            current.Status ??= new V1Alpha2InferencePoolStatus();
            current.Status.Parent = parents;
            return true;
        }, client.UpdateStatusAsync, cancellationToken).ConfigureAwait(false)).Written;

    internal static List<V1Alpha2PoolStatus>? Desired(V1Alpha2InferencePool pool, PoolPlan? plan, DateTimeOffset now)
    {
        var existing = pool.Status?.Parent ?? [];
        var own = existing.Where(IsOurs).ToList();
        if (plan is null && own.Count == 0) return null;
        var others = existing.Where(p => !IsOurs(p) && !IsPlaceholder(p)).ToList();
        var generation = pool.Metadata.Generation ?? 0;
        var wanted = new List<V1Alpha2PoolStatus>();
        foreach (var parent in plan?.Parents ?? [])
        {
            var previous = own.FirstOrDefault(p => p.ParentRef.Kind == parent.Kind && p.ParentRef.Name == parent.Name && p.ParentRef.Namespace == parent.Namespace);
            wanted.Add(new V1Alpha2PoolStatus
            {
                ParentRef = new ObjectReference { ApiVersion = ParentApiVersion, Kind = parent.Kind, Name = parent.Name, Namespace = parent.Namespace },
                Conditions = ConditionUpdates.ForPool(plan!, generation, previous?.Conditions, now),
            });
        }

        var result = others.Concat(wanted).Take(V1PoolStatusWriter.MaxParents).ToList();
        if (result.Count == 0) result = existing.Where(IsPlaceholder).Take(1).ToList() is { Count: > 0 } kept ? kept : [Placeholder()];
        return Serialize(result) == Serialize(existing) ? null : result;
    }

    private static IEnumerable<V1Alpha2PoolStatus> Own(V1Alpha2InferencePool pool) => pool.Status?.Parent?.Where(IsOurs) ?? [];

    private static bool IsOurs(V1Alpha2PoolStatus status) => status.ParentRef.ApiVersion == ParentApiVersion;

    private static bool IsPlaceholder(V1Alpha2PoolStatus status) => status.ParentRef.Kind == "Status" && status.ParentRef.Name == "default";

    private static V1Alpha2PoolStatus Placeholder() => new()
    {
        ParentRef = new ObjectReference { Kind = "Status", Name = "default" },
        Conditions =
        [
            new Condition { Type = InferencePoolConditions.Accepted, Status = "Unknown", Reason = InferencePoolConditions.ReasonPending, Message = "Waiting for controller", LastTransitionTime = DateTimeOffset.UnixEpoch },
        ],
    };

    private static string Serialize(List<V1Alpha2PoolStatus> parents) =>
        JsonSerializer.Serialize(new V1Alpha2InferencePoolStatus { Parent = parents }, KubeJsonContext.Default.V1Alpha2InferencePoolStatus);
}
