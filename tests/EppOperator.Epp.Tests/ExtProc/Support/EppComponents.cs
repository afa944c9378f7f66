using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Host;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// The epp process's own composition of the request path (round-robin unless told otherwise) with a recording
/// lifecycle hook, and state a test can set: endpoints, objectives, rewrites.
/// </summary>
internal sealed class EppComponents : IDisposable
{
    public EppComponents(ExtProcOptions? options = null, IScheduler? scheduler = null)
    {
        RequestPath = RequestPath.Create(options ?? new ExtProcOptions(), NullLoggerFactory.Instance, TimeProvider.System, scheduler, [Hook], new Random(7));
    }

    public RequestPath RequestPath { get; }

    public RecordingLifecycleHook Hook { get; } = new();

    public EndpointDatastore Datastore => RequestPath.Datastore;

    public InferenceObjectiveStore Objectives => RequestPath.Objectives;

    public ModelRewriteStore Rewrites => RequestPath.Rewrites;

    public ExtProcService Service => RequestPath.Service;

    /// <summary>Replaces the pool with endpoints given as <c>ip:port</c> (IPv6 in brackets).</summary>
    public void SetEndpoints(params string[] hostPorts) =>
        Datastore.ReplaceAll(hostPorts.Select(h =>
        {
            var ep = IPEndPoint.Parse(h);
            return new EndpointSpec(h, ep.Address, ep.Port);
        }));

    public void Dispose() => RequestPath.Meter.Dispose();
}
