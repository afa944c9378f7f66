using System.Globalization;
using EppOperator.Operator.Configuration;

namespace EppOperator.Operator.Pools;

/// <summary>
/// Decides whether the operator serves a pool and how. It manages the picker when the pool leaves the picker
/// reference unset (the operator then creates <c>&lt;pool&gt;-epp</c>) or opts in with the
/// <see cref="OperatorConstants.ManagedEppAnnotation"/> annotation (the operator creates the referenced Service).
/// A pool that references someone else's picker is left alone unless it asks for a data plane by annotation; the
/// operator never claims such a pool's picker.
/// </summary>
internal static class PoolIntentResolver
{
    public const int MaxReplicas = 16;

    public static PoolIntent Resolve(InferencePoolView pool, OperatorSettings settings)
    {
        var annotations = pool.Annotations;
        var problems = new List<string>();
        var managed = pool.EppRef is null || IsTrue(annotations.GetValueOrDefault(OperatorConstants.ManagedEppAnnotation));
        DataPlane? requested = null;
        if (annotations.TryGetValue(OperatorConstants.DataPlaneAnnotation, out var planeText))
        {
            if (DataPlaneNames.TryParse(planeText, out var parsed)) requested = parsed;
            else problems.Add($"annotation {OperatorConstants.DataPlaneAnnotation}: '{planeText}' is not one of {string.Join(", ", DataPlaneNames.All)}");
        }

        var role = managed ? PoolRole.ManagedEpp
            : requested is { } plane && plane != DataPlane.None ? PoolRole.DataPlaneOnly
            : problems.Count > 0 ? PoolRole.DataPlaneOnly
            : PoolRole.Ignored;
        if (role == PoolRole.Ignored) return new PoolIntent { Role = PoolRole.Ignored };

        var eppReplicas = Replicas(annotations, OperatorConstants.EppReplicasAnnotation, settings.EppReplicas, problems);
        var envoyReplicas = Replicas(annotations, OperatorConstants.EnvoyReplicasAnnotation, settings.EnvoyReplicas, problems);
        ConfigMapKeyReference? config = null;
        if (annotations.TryGetValue(OperatorConstants.EppConfigAnnotation, out var configText) && !ConfigMapKeyReference.TryParse(configText, out config))
        {
            problems.Add($"annotation {OperatorConstants.EppConfigAnnotation}: '{configText}' is not NAME or NAME/KEY of a ConfigMap");
        }

        var conformanceHooks = false;
        if (annotations.TryGetValue(OperatorConstants.EppConformanceHooksAnnotation, out var hooksText) && !bool.TryParse(hooksText.Trim(), out conformanceHooks))
        {
            problems.Add($"annotation {OperatorConstants.EppConformanceHooksAnnotation}: '{hooksText}' is not true or false");
        }

        // The CRD's CEL rule rejects these on a real API server; repeat it for servers that do not evaluate CEL.
        foreach (var duplicate in pool.TargetPorts.GroupBy(p => p).Where(g => g.Count() > 1))
        {
            problems.Add($"spec.targetPorts: port {duplicate.Key} is listed more than once");
        }

        string? referenceProblem = null;
        if (pool.EppRef is { } reference && !reference.IsCoreService)
        {
            referenceProblem = $"the picker reference names {Describe(reference)}; only a core Service is supported";
        }

        return new PoolIntent
        {
            Role = role,
            DataPlane = requested ?? (managed ? settings.DefaultDataPlane : DataPlane.None),
            EppServiceName = pool.EppRef?.Name ?? ChildNames.EppService(pool.Name),
            EppServicePort = pool.EppRef?.Port ?? OperatorConstants.ExtProcPort,
            FailOpen = pool.EppRef?.FailOpen ?? false,
            EppReplicas = eppReplicas,
            EnvoyReplicas = envoyReplicas,
            EppConfig = config,
            EppConformanceHooks = conformanceHooks,
            Problems = problems,
            ReferenceProblem = referenceProblem,
        };
    }

    private static int Replicas(IReadOnlyDictionary<string, string> annotations, string name, int fallback, List<string> problems)
    {
        if (!annotations.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxReplicas) return value;
        problems.Add($"annotation {name}: '{text}' is not a replica count between 1 and {MaxReplicas}");
        return fallback;
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string Describe(EppReference reference) =>
        $"{(reference.Group.Length == 0 ? "core" : reference.Group)} {reference.Kind} '{reference.Name}'";
}
