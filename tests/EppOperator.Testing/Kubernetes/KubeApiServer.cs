using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server for tests (Kestrel on a free loopback port), faithful to the real
/// server for what the EPP, the operator and <c>kubectl</c> use.
/// </summary>
/// <remarks>
/// <para>
/// Serves discovery (<c>/api</c>, <c>/apis</c>, group-version resource lists, <c>/version</c>) and REST
/// for core (pods, services, configmaps, secrets, serviceaccounts, events, endpoints, namespaces, nodes),
/// apps (deployments, replicasets), rbac, coordination (leases), discovery.k8s.io endpointslices,
/// events.k8s.io, apiextensions (CRDs) and every served version of installed CRDs.
/// </para>
/// <para>
/// Semantics: one monotonic resourceVersion; 409 Conflict on stale updates and AlreadyExists; 404/422/400
/// as Status objects; generation bumps on spec changes; status subresource (the main resource ignores
/// status and vice versa); finalizers (DELETE sets deletionTimestamp; removing the last finalizer deletes);
/// graceful deletion of scheduled pods; propagation Background/Foreground/Orphan and an asynchronous
/// owner-reference garbage collector (cross-namespace owners count as absent); namespace deletion empties
/// the namespace; chunked lists with consistent snapshots and expiring continue tokens; label and field
/// selectors; watch with resume from history, selector transitions (ADDED/DELETED), bookmarks,
/// <c>sendInitialEvents</c> and 410 Expired once history is compacted; JSON merge patch, RFC 6902 JSON
/// patch, a strategic-merge subset, and server-side apply with field managers and conflicts; CRD schema
/// pruning, defaulting and validation (no CEL); server-side printing (Table) for <c>kubectl get</c>.
/// </para>
/// <para>
/// Fault hooks: <see cref="ExpireWatches"/> (410 on open watches), <see cref="CompactHistory"/>,
/// <see cref="DisconnectWatches"/>, <see cref="InjectWatchLine"/> (garbage on the stream),
/// <see cref="InjectConflicts"/> (forced 409) and <see cref="FailRequests"/> (any status code).
/// </para>
/// </remarks>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ApiRequestHandler _handler;
    private readonly FaultInjector _faults = new();
    private readonly FixtureCertificates? _certificates;
    private readonly KubeApiServerOptions _options;

    private KubeApiServer(KubeApiServerOptions options)
    {
        _options = options;
        var registry = new ResourceRegistry();
        _store = new ObjectStore(registry, options);
        _certificates = options.UseTls ? new FixtureCertificates() : null;
        _handler = new ApiRequestHandler(_store, options, _faults, () => BaseAddress.Authority);
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables, so nothing but this code decides the listener.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        if (_certificates is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (_certificates is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                    return;
                }

                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(_certificates.Server, https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => _certificates.IsTrusted(certificate);
                });
            });
        });
        _app = builder.Build();
        _app.Run(_handler.HandleAsync);
        foreach (var ns in options.Namespaces)
        {
            _store.Create(Definition("v1", "Namespace"), null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, WriteOptions.Internal);
        }
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The current (latest committed) resourceVersion.</summary>
    public long ResourceVersion => _store.CurrentResourceVersion;

    /// <summary>PEM of the fixture CA in TLS mode, else null.</summary>
    public string? CertificateAuthorityPem => _certificates?.AuthorityPem;

    /// <summary>Every request received so far (bounded to the last 10,000).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _handler.Requests;

    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new KubeApiServer(options ?? new KubeApiServerOptions());
        await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        server.BaseAddress = new Uri($"{(server._certificates is null ? "http" : "https")}://127.0.0.1:{port}");
        return server;
    }

    /// <summary>A kubeconfig (context <c>fixture</c>, namespace <c>default</c>) for <c>kubectl</c> or the client.</summary>
    public string KubeconfigYaml(string? token = null, (string CertificatePem, string KeyPem)? clientCertificate = null)
    {
        token ??= _options.BearerToken;
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1").AppendLine("kind: Config").AppendLine("clusters:").AppendLine("- name: fixture").AppendLine("  cluster:");
        text.Append("    server: ").AppendLine(BaseAddress.ToString().TrimEnd('/'));
        if (_certificates is not null) text.Append("    certificate-authority-data: ").AppendLine(Base64(_certificates.AuthorityPem));
        text.AppendLine("contexts:").AppendLine("- name: fixture").AppendLine("  context:").AppendLine("    cluster: fixture").AppendLine("    user: fixture").AppendLine("    namespace: default");
        text.AppendLine("current-context: fixture").AppendLine("users:").AppendLine("- name: fixture");
        if (token is null && clientCertificate is null)
        {
            text.AppendLine("  user: {}");
        }
        else
        {
            text.AppendLine("  user:");
            if (token is not null) text.Append("    token: ").AppendLine(token);
            if (clientCertificate is { } cert)
            {
                text.Append("    client-certificate-data: ").AppendLine(Base64(cert.CertificatePem));
                text.Append("    client-key-data: ").AppendLine(Base64(cert.KeyPem));
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="KubeconfigYaml"/> to <paramref name="path"/> and returns the path.</summary>
    public string WriteKubeconfig(string path, string? token = null)
    {
        File.WriteAllText(path, KubeconfigYaml(token));
        return path;
    }

    /// <summary>A client certificate (PEM certificate and key) signed by the fixture CA, accepted in TLS mode.</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user) =>
        (_certificates ?? throw new InvalidOperationException("client certificates need UseTls")).IssueClient(user);

    /// <summary>Creates an object directly (same validation and events as a POST). Status is kept, unlike a POST.</summary>
    public JsonObject Create(JsonObject obj, bool keepStatus = true)
    {
        var definition = DefinitionOf(obj);
        return _store.Create(definition, NamespaceOf(definition, obj), obj, WriteOptions.Internal, keepStatus).Object;
    }

    /// <summary>Parses YAML or JSON (one or more documents) and creates each object.</summary>
    public IReadOnlyList<JsonObject> CreateFromYaml(string yaml) =>
        JsonText.FromYamlDocuments(yaml).Select(d => Create(d.AsObject())).ToList();

    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) =>
        _store.TryGet(Definition(apiVersion, kind), ns, name);

    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) =>
        _store.Snapshot(Definition(apiVersion, kind)).Where(o => ns is null || Meta.Namespace(o) == ns).ToList();

    /// <summary>Applies a JSON merge patch to the object or, with <paramref name="status"/>, to its status subresource.</summary>
    public JsonObject Patch(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, bool status = false) =>
        _store.Patch(Definition(apiVersion, kind), ns, name, "application/merge-patch+json", mergePatch.ToJsonString(), status ? "status" : null, WriteOptions.Internal).Object;

    /// <summary>Deletes like a DELETE call; returns the object when finalizers or graceful termination keep it.</summary>
    public JsonObject? Delete(string apiVersion, string kind, string? ns, string name, string? propagationPolicy = null, long? gracePeriodSeconds = null) =>
        _store.Delete(Definition(apiVersion, kind), ns, name, new DeleteRequest(propagationPolicy, gracePeriodSeconds, null, null));

    /// <summary>Finishes a Terminating pod, as the kubelet does when its containers have stopped.</summary>
    public bool CompletePodTermination(string ns, string name) => _store.CompletePodTermination(Definition("v1", "Pod"), ns, name);

    /// <summary>Sends a 410 Expired ERROR to open watches of <paramref name="resource"/> (<c>pods</c>, <c>leases.coordination.k8s.io</c>; null = all) and ends them.</summary>
    public int ExpireWatches(string? resource = null) =>
        _store.ForEachWatch(StorageKey(resource), w =>
        {
            w.Write("ERROR", StatusObjects.Failure(410, "Expired", $"too old resource version: forced by the test ({_store.CompactedRevision})"));
            w.Close();
        }, remove: true);

    /// <summary>Forgets the event history: watches resuming from an older resourceVersion, and continue tokens, get 410.</summary>
    public void CompactHistory() => _store.Compact();

    /// <summary>Drops open watch connections without a clean end, as a network failure would.</summary>
    public int DisconnectWatches(string? resource = null) => _store.ForEachWatch(StorageKey(resource), w => w.Abort?.Invoke(), remove: true);

    /// <summary>Writes a raw line (for example not JSON) into open watch streams.</summary>
    public int InjectWatchLine(string line, string? resource = null) => _store.ForEachWatch(StorageKey(resource), w => w.WriteRaw(line), remove: false);

    /// <summary>Makes the next <paramref name="count"/> updates, patches or applies (of <paramref name="resource"/>, or any) fail with 409 Conflict.</summary>
    public void InjectConflicts(int count, string? resource = null)
    {
        var key = StorageKey(resource);
        _store.InjectConflicts(count, key is null ? null : (definition, _) => definition.StorageKey == key);
    }

    /// <summary>Makes the next <paramref name="count"/> matching requests fail with <paramref name="statusCode"/>.</summary>
    public void FailRequests(int count, int statusCode, Func<RecordedRequest, bool>? filter = null) => _faults.FailRequests(count, statusCode, filter);

    public int OpenWatchCount(string? resource = null) => _store.ForEachWatch(StorageKey(resource), _ => { }, remove: false);

    public void ClearRequests() => _handler.ClearRequests();

    /// <summary>Runs the garbage collector now (it also runs by itself after deletes).</summary>
    public void CollectGarbage() => _store.CollectGarbage();

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every commit.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            var next = _store.NextChange;
            if (condition()) return;
            try
            {
                await next.WaitAsync(TimeSpan.FromMilliseconds(100), cts.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Re-check: some conditions depend on time or on other processes, not only commits.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s{(what is null ? "" : ": " + what)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.ForEachWatch(null, w => w.Close(), remove: true);
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificates?.Dispose();
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private ResourceDefinition Definition(string apiVersion, string kind) =>
        _store.Registry.FindByKind(apiVersion, kind) ?? throw new ArgumentException($"the fixture does not serve {kind} at {apiVersion} (install its CRD first)");

    private ResourceDefinition DefinitionOf(JsonObject obj) =>
        Definition(obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("the object has no apiVersion"), obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("the object has no kind"));

    private static string? NamespaceOf(ResourceDefinition definition, JsonObject obj) =>
        definition.Namespaced ? (Meta.Namespace(obj) is { Length: > 0 } ns ? ns : "default") : null;

    private static string? StorageKey(string? resource)
    {
        if (resource is null) return null;
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? resource + "." : resource;
    }
}
