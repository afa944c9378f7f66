namespace EppOperator.Kube.Informers;

/// <summary>One cache change; <see cref="Old"/> is the previous version for Modified, null otherwise.</summary>
internal readonly record struct InformerEvent<T>(InformerEventType Type, T Object, T? Old)
    where T : class, IKubernetesObject;
