using EppOperator.Kube.Controllers;
using EppOperator.Kube.Informers;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// The controller runtime reconciles a modified object only when its generation changed, and annotations are not
/// part of the generation; but the operator's pool annotations (data plane, replicas, managed picker, config) are
/// desired state. This handler requeues a pool when any <c>eppoperator.io/</c> annotation changed.
/// </summary>
internal static class PoolAnnotationTrigger
{
    /// <summary>Adds the handler to <paramref name="host"/>'s informer; call before the host starts.</summary>
    public static void Attach<T>(EntityControllerHost<T> host)
        where T : class, IKubernetesEntity<T>
    {
        host.Informer.AddHandler(e =>
        {
            if (e.Type == InformerEventType.Modified && e.Old is { } old && !SameOperatorAnnotations(old, e.Object))
            {
                host.Requeue(NamespacedName.Of(e.Object));
            }
        });
    }

    internal static bool SameOperatorAnnotations(IKubernetesObject a, IKubernetesObject b)
    {
        static IEnumerable<KeyValuePair<string, string>> Ours(IKubernetesObject o) =>
            (o.Metadata.Annotations ?? []).Where(p => p.Key.StartsWith(OperatorConstants.Domain + "/", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal);
        return Ours(a).SequenceEqual(Ours(b));
    }
}
