using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using Envoy.Config.Core.V3;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.ExtProc;

/// <summary>
/// Turns a complete request into a routing decision, in the reference director's order: parse, resolve the
/// model (header, then rewrite rules), look up the objective's priority, admission (shedding, or waiting in flow
/// control), find candidates (subset hint), schedule, then tell the lifecycle hooks. Also owns the per-request metrics and the completion hooks, so every picked
/// request is completed exactly once through <see cref="Complete"/>.
/// </summary>
internal sealed class RequestDirector(
    EndpointDatastore datastore,
    IScheduler scheduler,
    IReadOnlyList<IRequestLifecycleHook> hooks,
    InferenceObjectiveStore objectives,
    ModelRewriter rewriter,
    RequestMetrics metrics,
    ExtProcOptions options,
    TimeProvider timeProvider,
    ILogger logger,
    AdmissionController? admission = null)
{
    public ExtProcOptions Options { get; } = options;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public RequestMetrics Metrics { get; } = metrics;

    /// <summary>Decides where the request goes. <paramref name="body"/> is null for a request without a body.</summary>
    /// <remarks>
    /// Completes synchronously unless flow control holds the request; <paramref name="cancellationToken"/> (the
    /// stream ending) frees its place in the queue at once.
    /// </remarks>
    public ValueTask<RoutingOutcome> DecideAsync(RequestHead head, ReadOnlyMemory<byte>? body, Metadata? metadata, CancellationToken cancellationToken)
    {
        var path = RequestPaths.Normalize(PathOf(head.Headers));
        var kind = RequestPaths.KindOf(path);
        var parsed = new ParsedRequestBody { IsEmpty = true };
        if (body is { } bytes && !OpenAiRequestParser.TryParse(bytes.Span, kind, out parsed, out var parseError))
        {
            return ValueTask.FromResult(Reject(head, "", "", parseError));
        }

        var incoming = parsed.Model ?? "";
        var target = parsed.IsEmpty ? incoming : rewriter.Resolve(incoming, Header(head.Headers, RequestHeaderNames.ModelNameRewrite));
        var forwarded = body ?? ReadOnlyMemory<byte>.Empty;
        var changed = !parsed.IsEmpty && !string.Equals(incoming, target, StringComparison.Ordinal);
        if (changed) forwarded = RequestBodyRewriter.ReplaceModel(forwarded.Span, parsed, target);

        var objective = Header(head.Headers, RequestHeaderNames.InferenceObjective);
        var request = new InferenceRequest
        {
            RequestId = head.RequestId,
            Kind = kind,
            Path = path,
            IncomingModel = incoming,
            TargetModel = target,
            Stream = parsed.Stream,
            PrefixSource = body is { } original && parsed.PromptLength > 0 ? original.Slice(parsed.PromptStart, parsed.PromptLength) : default,
            ObjectiveName = objective,
            Priority = objectives.PriorityOf(objective, incoming),
            FairnessId = Header(head.Headers, RequestHeaderNames.FairnessId) is { Length: > 0 } fairness ? fairness : RequestHeaderNames.DefaultFairnessId,
            Headers = head.Headers,
            ReceivedAt = head.ReceivedAt,
            BodyLength = body?.Length ?? 0,
        };
        var labels = Metrics.Labels(incoming, target);
        Metrics.RecordRequest(labels, request.Priority, request.BodyLength);
        var routing = new PendingRoute(head, request, labels, metadata, forwarded, changed);
        if (admission is null) return ValueTask.FromResult(Route(routing, default));

        var admitted = admission.AdmitAsync(request, head.Deadline, cancellationToken);
        return admitted.IsCompletedSuccessfully
            ? ValueTask.FromResult(Route(routing, admitted.Result))
            : RouteWhenAdmittedAsync(routing, admitted);
    }

    private async ValueTask<RoutingOutcome> RouteWhenAdmittedAsync(PendingRoute routing, ValueTask<Admission> admitted) =>
        Route(routing, await admitted.ConfigureAwait(false));

    /// <summary>Schedules an admitted request; the admission's capacity reservation ends once the hooks counted it.</summary>
    private RoutingOutcome Route(PendingRoute routing, Admission admission)
    {
        var (head, request, labels, metadata, forwarded, changed) = routing;
        if (admission.Error is { } refused) return Fail(head, request, refused);
        try
        {
            if (!TrySchedule(head, request, metadata, out var result, out var destination, out var error)) return error;

            var decision = new RoutingDecision
            {
                Request = request,
                Result = result,
                Destination = destination,
                Body = forwarded,
                BodyChanged = changed,
                Labels = labels,
                Restorer = changed ? new ModelNameRestorer(request.IncomingModel, request.TargetModel) : null,
                ReceivedTimestamp = head.ReceivedTimestamp,
            };
            Metrics.RequestStarted(labels);
            foreach (var hook in hooks)
            {
                try
                {
                    hook.OnPicked(request, result);
                }
                catch (Exception ex)
                {
                    ExtProcLog.HookFailed(logger, hook.GetType().Name, nameof(IRequestLifecycleHook.OnPicked), request.RequestId, ex);
                }
            }

            ExtProcLog.RequestRouted(logger, request.RequestId, request.IncomingModel, request.TargetModel, destination);
            return decision;
        }
        finally
        {
            admission.Placed();
        }
    }

    /// <summary>The model server's response headers arrived.</summary>
    public void ResponseReceived(RoutingDecision decision, int statusCode)
    {
        foreach (var hook in hooks)
        {
            try
            {
                hook.OnResponseReceived(decision.Request, decision.Result, statusCode);
            }
            catch (Exception ex)
            {
                ExtProcLog.HookFailed(logger, hook.GetType().Name, nameof(IRequestLifecycleHook.OnResponseReceived), decision.Request.RequestId, ex);
            }
        }
    }

    /// <summary>
    /// The exchange is over: the response ended (<paramref name="completed"/>) or the stream was abandoned.
    /// Callers guarantee one call per decision.
    /// </summary>
    public void Complete(RoutingDecision decision, ResponseUsage usage, long responseBytes, bool completed)
    {
        var request = decision.Request;
        Metrics.RequestEnded(decision.Labels);
        if (completed)
        {
            Metrics.RecordResponse(decision.Labels, TimeProvider.GetElapsedTime(decision.ReceivedTimestamp), responseBytes, usage);
        }

        foreach (var hook in hooks)
        {
            try
            {
                hook.OnResponseComplete(request, decision.Result, usage, completed);
            }
            catch (Exception ex)
            {
                ExtProcLog.HookFailed(logger, hook.GetType().Name, nameof(IRequestLifecycleHook.OnResponseComplete), request.RequestId, ex);
            }
        }

        // The hooks took the request off its endpoint's in-flight count: a waiting request may fit now.
        admission?.Wake();
    }

    public void RecordFirstToken(RoutingDecision decision) =>
        Metrics.RecordTimeToFirstToken(decision.Labels, TimeProvider.GetElapsedTime(decision.ReceivedTimestamp));

    /// <summary>Counts and logs a rejection; the caller answers with the error.</summary>
    public RoutingOutcome Reject(RequestHead head, string model, string targetModel, InferenceError error)
    {
        Metrics.RecordError(model, targetModel, error.Code);
        ExtProcLog.RequestRejected(logger, head.RequestId, error.HttpStatus, error.Body);
        return error;
    }

    private bool TrySchedule(
        RequestHead head,
        InferenceRequest request,
        Metadata? metadata,
        [NotNullWhen(true)] out SchedulingResult? result,
        out string destination,
        [NotNullWhen(false)] out InferenceError? error)
    {
        result = null;
        destination = "";
        error = null;
        var endpoints = datastore.Current.Endpoints.AsSpan();
        if (endpoints.IsEmpty)
        {
            // The reference answers 500 here on the headers-only path and 503 elsewhere; the protocol (004) says 503
            // for "no ready endpoints", which is what a proxy's retry and fail-open logic expects.
            error = Fail(head, request, new InferenceError(InferenceErrorCode.ServiceUnavailable, "no ready endpoints in the pool"));
            return false;
        }

        var subset = EndpointSubset.Read(head.Headers, metadata, Options);
        Endpoint[]? rented = null;
        try
        {
            var candidates = endpoints;
            if (subset is not null)
            {
                rented = ArrayPool<Endpoint>.Shared.Rent(endpoints.Length);
                candidates = rented.AsSpan(0, subset.Filter(endpoints, rented));
            }

            if (candidates.IsEmpty)
            {
                error = Fail(head, request, new InferenceError(InferenceErrorCode.ServiceUnavailable, "failed to find endpoint candidates for serving the request"));
                return false;
            }

            try
            {
                result = scheduler.Schedule(request, candidates);
            }
            catch (Exception ex)
            {
                ExtProcLog.RoutingFailed(logger, request.RequestId, ex);
                error = Fail(head, request, new InferenceError(InferenceErrorCode.Internal, "scheduler failed"));
                return false;
            }

            if (!result.Succeeded)
            {
                var reason = result.FailureReason;
                result = null;
                error = Fail(head, request, new InferenceError(InferenceErrorCode.ResourceExhausted, "failed to find target endpoint: " + reason));
                return false;
            }

            destination = FormatDestination(result);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<Endpoint>.Shared.Return(rented, clearArray: true);
        }
    }

    private static string FormatDestination(SchedulingResult result)
    {
        if (result.Fallbacks.Count == 0) return result.Primary!.HostPort;
        return string.Join(',', result.Fallbacks.Prepend(result.Primary!).Select(e => e.HostPort));
    }

    private static string? PathOf(IReadOnlyDictionary<string, string> headers) =>
        Header(headers, RequestHeaderNames.Path) ?? Header(headers, RequestHeaderNames.OriginalPath) ?? Header(headers, RequestHeaderNames.ForwardedPath);

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) => headers.TryGetValue(name, out var value) ? value : null;

    private InferenceError Fail(RequestHead head, InferenceRequest request, InferenceError error)
    {
        _ = Reject(head, request.IncomingModel, request.TargetModel, error);
        return error;
    }

    /// <summary>What routing needs once admission has answered.</summary>
    private readonly record struct PendingRoute(RequestHead Head, InferenceRequest Request, ModelLabels Labels, Metadata? Metadata, ReadOnlyMemory<byte> Forwarded, bool Changed);
}
