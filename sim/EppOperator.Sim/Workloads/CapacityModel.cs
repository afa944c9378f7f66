using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Workloads;

/// <summary>
/// Ideal capacity of one pod for a workload, from the step-time model, assuming perfect prefix reuse (every
/// shared context is cached on the pod that serves it, so only the fresh part of a prompt is prefilled). No router
/// can do better, so the capacity probe offers this rate to find what round-robin actually sustains.
/// <para>
/// With B sequences in the batch, each needing O decode steps and P uncached prompt tokens, the steady-state step
/// time is T = base + B·(c_decode + P·c_prefill / O) and the throughput is B / (O·T):
/// <c>rate = B / (O·base + B·(O·c_decode + P·c_prefill))</c>. B is the most sequences that fit: <c>max_num_seqs</c>,
/// or the KV blocks left beside the resident shared contexts divided by the blocks each sequence owns.
/// </para>
/// </summary>
internal static class CapacityModel
{
    public static double RequestsPerSecondPerPod(WorkloadDefinition workload, EngineProfile profile, int pods)
    {
        var bs = profile.BlockSize;
        var output = workload.OutputTokens.Mean;
        var question = workload.QuestionTokens.Mean;

        // Ideal reuse: the shared context is cached; a fresh question is computed, a repeated one is cached too.
        // The last partial block is always recomputed.
        var uncached = (workload.FreshQuestions ? question : 0) + bs;

        var groupsPerPod = (double)workload.GroupsFor(pods) / pods;
        var residentTokens = groupsPerPod * (workload.SystemTokens.Mean + (workload.FreshQuestions ? 0 : workload.UsersPerGroup * question));
        var residentBlocks = Math.Min(residentTokens / bs, 0.9 * profile.NumGpuBlocks);
        var ownBlocks = Math.Max(1, ((workload.FreshQuestions ? question : 0) + output) / bs);
        var batch = Math.Max(1, Math.Min(profile.MaxNumSeqs, (profile.NumGpuBlocks - residentBlocks) / ownBlocks));

        var ms = output * profile.StepBaseMs + batch * (output * profile.DecodeMsPerSeq + uncached * profile.PrefillMsPerToken);
        return 1000.0 * batch / ms;
    }
}
