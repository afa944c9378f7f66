using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.ApiExtensions;
using EppOperator.Operator.Crds;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Reports who installed each inference CRD: epp-operator (its label and bundle-version annotation) or upstream GAIE
/// (<c>inference.networking.k8s.io/bundle-version</c>). The operator works with either and never changes a CRD, so a
/// cluster that already runs the upstream CRDs keeps them.
/// </summary>
internal static class CrdInspector
{
    public const string UpstreamBundleAnnotation = "inference.networking.k8s.io/bundle-version";

    public static async Task<IReadOnlyDictionary<string, string>> InspectAsync(KubernetesClient client, ILogger logger, CancellationToken cancellationToken)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in CrdCatalog.All)
        {
            CustomResourceDefinition? crd;
            try
            {
                crd = await client.GetAsync<CustomResourceDefinition>(definition.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesException ex) when (ex.StatusCode == 403)
            {
                continue;
            }

            if (crd is null) continue;
            var origin = Origin(crd);
            origins[definition.Name] = origin;
            OperatorLog.CrdFound(logger, definition.Name, origin);
        }

        return origins;
    }

    public static string Origin(CustomResourceDefinition crd)
    {
        var annotations = crd.Metadata.Annotations ?? [];
        if (crd.Metadata.Labels?.GetValueOrDefault(OperatorConstants.ManagedByLabel) == OperatorConstants.ManagedByValue)
        {
            return $"epp-operator {annotations.GetValueOrDefault(CrdGenerator.BundleVersionAnnotation) ?? "(unknown version)"}";
        }

        return annotations.TryGetValue(UpstreamBundleAnnotation, out var upstream) ? $"upstream GAIE {upstream}" : "an unknown installer";
    }
}
