using EppOperator.Kube.Events;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// The Event a condition change leaves on its object (pools, models, objectives, rewrites): Normal when the condition
/// is True, Warning otherwise, reason as the condition's, message <c>Type=Status: message</c>. An unchanged condition
/// (same status, reason and message) records nothing, so resyncs stay quiet.
/// </summary>
internal static class ConditionEvents
{
    /// <returns>Whether the condition changed and an Event was recorded.</returns>
    public static async Task<bool> RecordAsync(EventRecorder events, IKubernetesObject subject, string type, ConditionPlan plan, Condition? previous, CancellationToken cancellationToken)
    {
        if (previous is not null && previous.Status == plan.Status && previous.Reason == plan.Reason && previous.Message == plan.Message) return false;
        var message = $"{type}={plan.Status}: {plan.Message}";
        if (plan.IsTrue) await events.NormalAsync(subject, plan.Reason, message, cancellationToken).ConfigureAwait(false);
        else await events.WarningAsync(subject, plan.Reason, message, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
