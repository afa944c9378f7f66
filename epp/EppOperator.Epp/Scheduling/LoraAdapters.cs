using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Scheduling;

/// <summary>The reference's LoRA placement rules, shared by <c>lora-affinity-filter</c> and <c>lora-affinity-scorer</c>.</summary>
internal static class LoraAdapters
{
    /// <summary>The target adapter is loaded or already waiting to load on the server.</summary>
    public static bool HasAffinity(EndpointMetrics metrics, string target) =>
        metrics.HasActiveModel(target) || metrics.HasWaitingModel(target);

    /// <summary>The server can take one more adapter: |active| + |waiting| &lt; max.</summary>
    public static bool HasFreeSlot(EndpointMetrics metrics) =>
        metrics.ActiveModels.Length + metrics.WaitingModels.Length < metrics.MaxActiveModels;
}
