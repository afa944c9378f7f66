using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>The real request-path parts wired together, with state a test can set: endpoints, objectives, rewrites.</summary>
internal sealed class EppComponents : IDisposable
{
    public EppComponents(ExtProcOptions? options = null, IScheduler? scheduler = null)
    {
        Options = options ?? new ExtProcOptions();
        Metrics = new RequestMetrics(Meter);
        Director = new RequestDirector(
            Datastore,
            scheduler ?? new RoundRobinScheduler(),
            [Hook],
            Objectives,
            new ModelRewriter(Rewrites, new Random(7)),
            Metrics,
            Options,
            TimeProvider.System,
            NullLogger.Instance);
        Service = new ExtProcService(Director, NullLogger<ExtProcService>.Instance);
    }

    public EppMeter Meter { get; } = new();

    public EndpointDatastore Datastore { get; } = new();

    public InferenceObjectiveStore Objectives { get; } = new();

    public ModelRewriteStore Rewrites { get; } = new();

    public RecordingLifecycleHook Hook { get; } = new();

    public ExtProcOptions Options { get; }

    public RequestMetrics Metrics { get; }

    public RequestDirector Director { get; }

    public ExtProcService Service { get; }

    /// <summary>Replaces the pool with endpoints given as <c>ip:port</c> (IPv6 in brackets).</summary>
    public void SetEndpoints(params string[] hostPorts) =>
        Datastore.ReplaceAll(hostPorts.Select(h =>
        {
            var ep = IPEndPoint.Parse(h);
            return new EndpointSpec(h, ep.Address, ep.Port);
        }));

    public void Dispose() => Meter.Dispose();
}
