using System.Collections.Immutable;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The EPP with its default scheduler (prefix 3, queue 2, KV 2) and its admission, built from
/// <c>EndpointPickerConfig</c> text exactly as the epp process builds them: <c>epp+shed</c> without the
/// <c>flowControl</c> feature gate (sheddable requests get 429 while the pool is saturated), <c>epp+fc</c> with it
/// (every request waits in the EPP until the pool has room; strict priority, then arrival order).
/// </summary>
internal static class EppAdmissionPolicies
{
    public const string SheddingName = "epp+shed";
    public const string FlowControlName = "epp+fc";

    public static readonly string FlowControlConfigText = SchedulerDefaults.ConfigText + "\nfeatureGates: [flowControl]\n";

    public static BenchPolicy Shedding { get; } = new(
        SheddingName, "EPP scheduler, legacy admission: sheddable requests shed while saturated",
        env => Create(env, SchedulerDefaults.ConfigText));

    public static BenchPolicy FlowControl { get; } = new(
        FlowControlName, "EPP scheduler behind flow control: requests wait in the EPP while the pool is saturated",
        env => Create(env, FlowControlConfigText));

    /// <summary>A policy from configuration text; fails on a configuration the epp process would refuse.</summary>
    public static PolicyInstance Create(PolicyEnvironment env, string configText)
    {
        var built = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, env.Time, env.Random).Build(configText);
        var diagnostics = new ConfigDiagnostics();
        var setup = built.Config is { } config ? FlowControlFactory.Build(config, env.Time, diagnostics) : null;
        if (built.Scheduler is not { } scheduler || setup is null || diagnostics.HasErrors)
        {
            throw new ArgumentException($"invalid EPP configuration: {built.Diagnostics.Describe()}{diagnostics.Describe()}", nameof(configText));
        }

        var endpoints = ImmutableArray.CreateRange(env.Endpoints);
        ImmutableArray<Endpoint> Endpoints() => endpoints;
        var flow = setup.FlowControl is { } options ? new FlowController(options, setup.Detector, Endpoints, env.Time) : null;
        return new PolicyInstance(scheduler, [scheduler], new AdmissionController(setup.Detector, Endpoints, flow));
    }
}
