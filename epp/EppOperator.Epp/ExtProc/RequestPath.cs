using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// The request path wired together (what the epp process, tests and benchmarks run), with the stores other
/// components feed: the endpoint datastore (the static list or the pod watcher), objectives and rewrite rules (the
/// manifest file or the Kubernetes watch), the scheduler and its lifecycle hooks (round-robin and none when the
/// caller passes no scheduler).
/// </summary>
internal sealed class RequestPath
{
    public required EppMeter Meter { get; init; }

    public required EndpointDatastore Datastore { get; init; }

    public required InferenceObjectiveStore Objectives { get; init; }

    public required ModelRewriteStore Rewrites { get; init; }

    public required RequestMetrics Metrics { get; init; }

    public required ExtProcService Service { get; init; }

    public static RequestPath Create(
        ExtProcOptions extProcOptions,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        IScheduler? scheduler = null,
        IReadOnlyList<IRequestLifecycleHook>? hooks = null,
        Random? random = null,
        EppMeter? meter = null,
        EndpointDatastore? datastore = null,
        AdmissionController? admission = null)
    {
        meter ??= new EppMeter();
        datastore ??= new EndpointDatastore();
        var objectives = new InferenceObjectiveStore();
        var rewrites = new ModelRewriteStore();
        var metrics = new RequestMetrics(meter, logger: loggerFactory.CreateLogger<RequestMetrics>());
        var director = new RequestDirector(
            datastore,
            scheduler ?? new RoundRobinScheduler(),
            hooks ?? [],
            objectives,
            new ModelRewriter(rewrites, random ?? Random.Shared),
            metrics,
            extProcOptions,
            timeProvider,
            loggerFactory.CreateLogger<RequestDirector>(),
            admission);
        return new RequestPath
        {
            Meter = meter,
            Datastore = datastore,
            Objectives = objectives,
            Rewrites = rewrites,
            Metrics = metrics,
            Service = new ExtProcService(director, loggerFactory.CreateLogger<ExtProcService>()),
        };
    }
}
