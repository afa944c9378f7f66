using System.Globalization;
using System.Text.Json.Nodes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Event = EppOperator.Kube.Entities.Core.Event;

namespace EppOperator.Kube.Events;

/// <summary>
/// Writes core/v1 Events about objects, as client-go's recorder does: named <c>&lt;object&gt;.&lt;hex
/// nanoseconds&gt;</c> in the object's namespace, and repeats of the same event within the aggregation
/// window increment <c>count</c> and <c>lastTimestamp</c> instead of creating new objects. Recording is best
/// effort: failures are logged, never thrown, so an Event can never fail a reconcile.
/// </summary>
internal sealed class EventRecorder
{
    private const int MaxMessageLength = 1024;
    private readonly KubernetesClient _client;
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string, string, string), Recorded> _recent = [];

    public EventRecorder(KubernetesClient client, EventRecorderOptions? options = null, ILogger<EventRecorder>? logger = null, TimeProvider? timeProvider = null)
    {
        _client = client;
        _options = options ?? new EventRecorderOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public Task NormalAsync(IKubernetesObject subject, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(subject, EventTypes.Normal, reason, message, cancellationToken);

    public Task WarningAsync(IKubernetesObject subject, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(subject, EventTypes.Warning, reason, message, cancellationToken);

    public async Task RecordAsync(IKubernetesObject subject, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        if (message.Length > MaxMessageLength) message = message[..MaxMessageLength];
        var ns = string.IsNullOrEmpty(subject.Metadata.Namespace) ? "default" : subject.Metadata.Namespace;
        var key = (subject.Metadata.Uid ?? $"{subject.Kind}/{ns}/{subject.Metadata.Name}", type, reason, message);
        var now = _time.GetUtcNow();
        try
        {
            Recorded? previous;
            lock (_lock)
            {
                previous = _recent.GetValueOrDefault(key);
            }

            if (previous is not null && now - previous.Last < _options.AggregationWindow)
            {
                var patch = new JsonObject { ["count"] = previous.Count + 1, ["lastTimestamp"] = JsonValue.Create(now.UtcDateTime.ToString(KubeTimeConverter.Layout, CultureInfo.InvariantCulture)) };
                try
                {
                    await _client.MergePatchAsync<Event>(previous.Name, ns, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Remember(key, previous with { Count = previous.Count + 1, Last = now });
                    return;
                }
                catch (KubernetesException ex) when (ex.IsNotFound)
                {
                    // The Event expired (events have a TTL); start a new one.
                }
            }

            var name = $"{subject.Metadata.Name}.{(now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}";
            var created = await _client.CreateAsync(new Event
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns },
                InvolvedObject = new ObjectReference
                {
                    ApiVersion = subject.ApiVersion,
                    Kind = subject.Kind,
                    Name = subject.Metadata.Name,
                    Namespace = subject.Metadata.Namespace,
                    Uid = subject.Metadata.Uid,
                    ResourceVersion = subject.Metadata.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Count = 1,
                FirstTimestamp = now,
                LastTimestamp = now,
                Source = new Entities.Core.EventSource { Component = _options.Component, Host = _options.Instance },
                ReportingComponent = _options.Component,
                ReportingInstance = _options.Instance,
            }, cancellationToken).ConfigureAwait(false);
            Remember(key, new Recorded(created.Metadata.Name ?? name, 1, now));
        }
        catch (KubernetesException ex)
        {
            EventRecorderLog.EventNotRecorded(_logger, type, reason, $"{subject.Kind}/{subject.Metadata.Name}", ex.Message);
        }
    }

    private void Remember((string, string, string, string) key, Recorded recorded)
    {
        lock (_lock)
        {
            if (_recent.Count >= _options.CacheSize && !_recent.ContainsKey(key))
            {
                // Bounded memory: drop the oldest half rather than track an LRU order per event.
                foreach (var stale in _recent.OrderBy(p => p.Value.Last).Take(_recent.Count / 2).Select(p => p.Key).ToList()) _recent.Remove(stale);
            }

            _recent[key] = recorded;
        }
    }

    private sealed record Recorded(string Name, int Count, DateTimeOffset Last);
}
