using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 ServiceAccount.</summary>
internal sealed class ServiceAccount : KubernetesObject, IKubernetesEntity<ServiceAccount>
{
    public ServiceAccount()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", Namespaced: true);

    public static JsonTypeInfo<ServiceAccount> JsonTypeInfo => KubeJsonContext.Default.ServiceAccount;

    public bool? AutomountServiceAccountToken { get; set; }
}
