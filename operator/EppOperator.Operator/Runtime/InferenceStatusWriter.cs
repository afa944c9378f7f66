using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Events;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Writes one condition into the status of an InferenceModel, InferenceObjective or InferenceModelRewrite
/// (replacing the CRD's <c>Pending</c> placeholder of the same type), retrying on 409 against a fresh read, and
/// records an Event when the condition changes.
/// </summary>
internal sealed class InferenceStatusWriter(KubernetesClient client, EventRecorder events, TimeProvider time)
{
    /// <returns>Whether a write happened.</returns>
    public async Task<bool> WriteAsync<T>(T entity, Func<T, InferenceConditionsStatus?> getStatus, Action<T, InferenceConditionsStatus> setStatus, string type, ConditionPlan plan, CancellationToken cancellationToken)
        where T : class, IKubernetesEntity<T>
    {
        var previous = getStatus(entity)?.Conditions?.FirstOrDefault(c => c.Type == type);
        var (_, wrote) = await KubeRetry.ModifyAsync(client, entity, current =>
        {
            var existing = getStatus(current)?.Conditions;
            var old = existing?.FirstOrDefault(c => c.Type == type);
            // The CRD's placeholder (Unknown/Pending) is replaced, not carried over as a transition time.
            var condition = ConditionUpdates.From(type, plan, current.Metadata.Generation ?? 0, old is { Reason: "Pending" } ? null : old, time.GetUtcNow());
            if (ConditionUpdates.SameContent(old, condition)) return false;
            setStatus(current, new InferenceConditionsStatus { Conditions = ConditionUpdates.Upsert(existing, condition), ExtensionData = getStatus(current)?.ExtensionData });
            return true;
        }, client.UpdateStatusAsync, cancellationToken).ConfigureAwait(false);
        if (!wrote) return false;
        await ConditionEvents.RecordAsync(events, entity, type, plan, previous, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
