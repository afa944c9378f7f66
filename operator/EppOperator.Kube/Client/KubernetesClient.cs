using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Config;
using EppOperator.Kube.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Kube.Client;

/// <summary>
/// A typed REST client for the Kubernetes API: get, list (chunked), watch (newline-delimited events with
/// bookmarks), create, update with resourceVersion, status subresource, JSON merge patch, server-side
/// apply and delete with propagation. Failures throw <see cref="KubernetesException"/> carrying the HTTP
/// status, the API reason and message; <see cref="GetAsync{T}"/> returns null for NotFound because a
/// missing object is an expected outcome.
/// </summary>
/// <remarks>
/// Collections take a namespace where <c>null</c> means all namespaces; single-object calls fall back to
/// the configuration's namespace for namespaced types. One instance is shared (it owns the connection pool).
/// </remarks>
internal sealed class KubernetesClient : IDisposable
{
    private const string JsonContentType = "application/json";
    private readonly HttpClient _http;
    private readonly KubernetesClientOptions _options;
    private readonly ILogger _logger;
    private readonly string _basePath;

    public KubernetesClient(KubeClientConfig config, KubernetesClientOptions? options = null, ILogger<KubernetesClient>? logger = null, TimeProvider? timeProvider = null, DelegatingHandler? interceptor = null)
    {
        Config = config;
        _options = options ?? new KubernetesClientOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _basePath = config.Server.AbsolutePath.TrimEnd('/');
        HttpMessageHandler handler = new AuthenticationHandler(
            new BearerTokenSource(config, _options.TokenRefreshInterval, timeProvider ?? TimeProvider.System),
            config.Username,
            config.Password,
            CreateSocketsHandler(config));
        if (interceptor is not null)
        {
            interceptor.InnerHandler = handler;
            handler = interceptor;
        }

        _http = new HttpClient(handler)
        {
            // Watches stay open for minutes; per-request deadlines are applied below instead.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    public KubeClientConfig Config { get; }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetAsync<T>(string name, string? ns = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var path = T.EntityType.ItemPath(ItemNamespace<T>(ns), name);
        try
        {
            using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(response, T.JsonTypeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the server serves <typeparamref name="T"/> (discovery of its group version), e.g. to skip
    /// watching optional CRDs that are not installed instead of retrying a 404 forever.
    /// </summary>
    public async Task<bool> IsServedAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var type = T.EntityType;
        var path = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
        try
        {
            using var response = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            var list = await ReadAsync(response, KubeJsonContext.Default.RawResourceList, cancellationToken).ConfigureAwait(false);
            return list?.Resources?.Any(r => r.Name == type.Plural) == true;
        }
        catch (KubernetesException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>One page of a LIST (<paramref name="ns"/> null = all namespaces).</summary>
    public async Task<EntityList<T>> ListAsync<T>(string? ns = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue);
        using var response = await SendAsync(HttpMethod.Get, T.EntityType.CollectionPath(ns), query.ToString(), null, cancellationToken).ConfigureAwait(false);
        var raw = await ReadAsync(response, KubeJsonContext.Default.RawList, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesException((int)response.StatusCode, KubeReasons.BadRequest, $"LIST {T.EntityType} returned an empty body");
        var items = new List<T>(raw.Items?.Count ?? 0);
        foreach (var element in raw.Items ?? [])
        {
            if (element.Deserialize(T.JsonTypeInfo) is { } item)
            {
                // List items omit apiVersion/kind; restore them so the objects are self-describing.
                item.ApiVersion ??= T.EntityType.ApiVersion;
                item.Kind ??= T.EntityType.Kind;
                items.Add(item);
            }
        }

        return new EntityList<T>(items, raw.Metadata?.ResourceVersion ?? "", string.IsNullOrEmpty(raw.Metadata?.Continue) ? null : raw.Metadata.Continue);
    }

    /// <summary>
    /// Every page of a LIST, following <c>continue</c> tokens. If a token expires mid-way (410) the list
    /// restarts once from the first page, as client-go's pager falls back to a full list.
    /// </summary>
    public async Task<EntityList<T>> ListAllAsync<T>(string? ns = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        options ??= new ListOptions();
        var pageOptions = options with { Limit = options.Limit ?? 500, Continue = null };
        for (var attempt = 0; ; attempt++)
        {
            var items = new List<T>();
            string? resourceVersion = null;
            var page = pageOptions;
            try
            {
                while (true)
                {
                    var result = await ListAsync<T>(ns, page, cancellationToken).ConfigureAwait(false);
                    items.AddRange(result.Items);
                    resourceVersion ??= result.ResourceVersion;
                    if (result.Continue is null) return new EntityList<T>(items, resourceVersion, null);
                    page = page with { Continue = result.Continue };
                }
            }
            catch (KubernetesException ex) when (ex.IsGone && page.Continue is not null && attempt == 0)
            {
                KubernetesClientLog.ListRestarted(_logger, T.EntityType);
            }
        }
    }

    /// <summary>
    /// One watch stream (<paramref name="ns"/> null = all namespaces). Ends when the server closes it;
    /// ERROR events (e.g. 410 Expired) and a silent stream past <see cref="WatchOptions.IdleTimeout"/> throw
    /// <see cref="KubernetesException"/>; unparseable lines are logged and skipped.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", options.Timeout is { } timeout ? ((long)Math.Max(1, timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        var resource = T.EntityType.ToString();
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.IdleTimeout is { } firstIdle) streamCts.CancelAfter(firstIdle);
        using var response = await OpenWatchAsync(T.EntityType.CollectionPath(ns), query.ToString(), options, cancellationToken, streamCts.Token).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(streamCts.Token).ConfigureAwait(false);
        await using var reader = new WatchLineReader(stream, _options.MaxWatchLineBytes);
        while (true)
        {
            if (options.IdleTimeout is { } idle) streamCts.CancelAfter(idle);
            var line = await ReadWatchLineAsync(reader, options, cancellationToken, streamCts.Token).ConfigureAwait(false);
            if (line is null) yield break;
            if (IsBlank(line)) continue;
            if (DecodeWatchEvent<T>(line, resource) is { } watchEvent) yield return watchEvent;
        }
    }

    /// <summary>Creates the object in its namespace (or the default one) and returns what the server stored.</summary>
    public Task<T> CreateAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var ns = ItemNamespace<T>(entity.Metadata.Namespace);
        return SendObjectAsync(HttpMethod.Post, T.EntityType.CollectionPath(ns), null, Serialize(entity), JsonContentType, T.JsonTypeInfo, cancellationToken);
    }

    /// <summary>Replaces the object. Its resourceVersion is the precondition: a stale one gives 409 Conflict.</summary>
    public Task<T> UpdateAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T> =>
        SendObjectAsync(HttpMethod.Put, ItemPathOf(entity, null), null, Serialize(entity), JsonContentType, T.JsonTypeInfo, cancellationToken);

    /// <summary>Replaces only the status (the <c>/status</c> subresource); spec changes in the body are ignored by the server.</summary>
    public Task<T> UpdateStatusAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T> =>
        SendObjectAsync(HttpMethod.Put, ItemPathOf(entity, "status"), null, Serialize(entity), JsonContentType, T.JsonTypeInfo, cancellationToken);

    /// <summary>Sends a patch document of the given type (merge, JSON, strategic or apply).</summary>
    public Task<T> PatchAsync<T>(string name, string? ns, PatchType type, string patch, string? subresource = null, string? fieldManager = null, bool force = false, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var query = new QueryBuilder().Add("fieldManager", fieldManager).Add("force", force ? "true" : null);
        var path = T.EntityType.ItemPath(ItemNamespace<T>(ns), name, subresource);
        return SendObjectAsync(HttpMethod.Patch, path, query.ToString(), Encoding.UTF8.GetBytes(patch), ContentTypeOf(type), T.JsonTypeInfo, cancellationToken);
    }

    /// <summary>RFC 7386 merge patch: present keys are set, <c>null</c> deletes, lists are replaced whole.</summary>
    public Task<T> MergePatchAsync<T>(string name, string? ns, JsonNode patch, string? subresource = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T> =>
        PatchAsync<T>(name, ns, PatchType.Merge, patch.ToJsonString(), subresource, cancellationToken: cancellationToken);

    /// <summary>
    /// Server-side apply of <paramref name="entity"/> as <paramref name="fieldManager"/>'s desired state.
    /// Server-owned metadata (resourceVersion, uid, managedFields, timestamps) and, for the main resource,
    /// status are stripped, because an apply configuration must not carry them.
    /// </summary>
    public Task<T> ApplyAsync<T>(T entity, string fieldManager, bool force = false, string? subresource = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        var node = JsonSerializer.SerializeToNode(entity, T.JsonTypeInfo)!.AsObject();
        if (node["metadata"] is JsonObject metadata)
        {
            foreach (var key in new[] { "resourceVersion", "uid", "managedFields", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                metadata.Remove(key);
            }
        }

        if (subresource is null) node.Remove("status");
        var name = entity.Metadata.Name ?? throw new ArgumentException("apply needs metadata.name", nameof(entity));
        return PatchAsync<T>(name, entity.Metadata.Namespace, PatchType.Apply, node.ToJsonString(), subresource, fieldManager, force, cancellationToken);
    }

    /// <summary>
    /// Deletes the object. Returns it when it still exists afterwards (finalizers pending or graceful
    /// deletion: it now has a deletionTimestamp), or null when it is gone or did not exist.
    /// </summary>
    public async Task<T?> DeleteAsync<T>(string name, string? ns = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesEntity<T>
    {
        var path = T.EntityType.ItemPath(ItemNamespace<T>(ns), name);
        var body = options is null ? null : SerializeDeleteOptions(options);
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, path, null, body is null ? null : new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(JsonContentType) } }, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0) return null;
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "Status") return null;
            var remaining = document.RootElement.Deserialize(T.JsonTypeInfo);
            return remaining?.Metadata.DeletionTimestamp is null ? null : remaining;
        }
        catch (KubernetesException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    internal static byte[] Serialize<T>(T entity)
        where T : class, IKubernetesEntity<T> =>
        JsonSerializer.SerializeToUtf8Bytes(entity, T.JsonTypeInfo);

    private static byte[] SerializeDeleteOptions(DeleteOptions options)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (options.PropagationPolicy is { } policy) body["propagationPolicy"] = policy.ToString();
        if (options.GracePeriodSeconds is { } grace) body["gracePeriodSeconds"] = grace;
        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is not null) preconditions["uid"] = options.PreconditionUid;
            if (options.PreconditionResourceVersion is not null) preconditions["resourceVersion"] = options.PreconditionResourceVersion;
            body["preconditions"] = preconditions;
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static string ContentTypeOf(PatchType type) => type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static bool IsBlank(byte[] line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t')) return false;
        }

        return true;
    }

    private string? ItemNamespace<T>(string? ns)
        where T : class, IKubernetesEntity<T> =>
        T.EntityType.Namespaced ? (string.IsNullOrEmpty(ns) ? Config.Namespace : ns) : null;

    private string ItemPathOf<T>(T entity, string? subresource)
        where T : class, IKubernetesEntity<T> =>
        T.EntityType.ItemPath(ItemNamespace<T>(entity.Metadata.Namespace), entity.Metadata.Name ?? throw new ArgumentException("the object has no metadata.name", nameof(entity)), subresource);

    private async Task<HttpResponseMessage> OpenWatchAsync(string path, string query, WatchOptions options, CancellationToken callerToken, CancellationToken streamToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, query, null, streamToken, streaming: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new KubernetesException(0, KubeReasons.WatchIdle, $"watch of {path} got no response within {options.IdleTimeout?.TotalSeconds:0.#} s; reconnecting", innerException: ex);
        }
    }

    private async ValueTask<byte[]?> ReadWatchLineAsync(WatchLineReader reader, WatchOptions options, CancellationToken callerToken, CancellationToken streamToken)
    {
        try
        {
            return await reader.ReadLineAsync(streamToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new KubernetesException(0, KubeReasons.WatchIdle, $"watch stream was silent for {options.IdleTimeout?.TotalSeconds:0.#} s; reconnecting", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidDataException && !callerToken.IsCancellationRequested)
        {
            throw new KubernetesException(0, KubeReasons.Unreachable, $"watch stream from {Config.Server} broke: {ex.Message}", innerException: ex);
        }
    }

    private WatchEvent<T>? DecodeWatchEvent<T>(byte[] line, string resource)
        where T : class, IKubernetesEntity<T>
    {
        RawWatchEvent? raw;
        try
        {
            raw = JsonSerializer.Deserialize(line, KubeJsonContext.Default.RawWatchEvent);
        }
        catch (JsonException ex)
        {
            KubernetesClientLog.WatchBadLine(_logger, resource, line.Length, ex.Message);
            return null;
        }

        if (raw?.Type is null || raw.Object.ValueKind != JsonValueKind.Object)
        {
            KubernetesClientLog.WatchBadLine(_logger, resource, line.Length, "missing type or object");
            return null;
        }

        switch (raw.Type)
        {
            case "ERROR":
                var status = raw.Object.Deserialize(KubeJsonContext.Default.KubeStatus);
                throw new KubernetesException(status?.Code ?? 500, status?.Reason ?? "InternalError", status?.Message ?? "watch ERROR event", status);
            case "BOOKMARK":
                var rv = raw.Object.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) ? version.GetString() : null;
                return new WatchEvent<T>(WatchEventType.Bookmark, null, rv);
            case "ADDED" or "MODIFIED" or "DELETED":
                T? entity;
                try
                {
                    entity = raw.Object.Deserialize(T.JsonTypeInfo);
                }
                catch (JsonException ex)
                {
                    KubernetesClientLog.WatchBadLine(_logger, resource, line.Length, ex.Message);
                    return null;
                }

                if (entity is null) return null;
                var type = raw.Type switch { "ADDED" => WatchEventType.Added, "MODIFIED" => WatchEventType.Modified, _ => WatchEventType.Deleted };
                return new WatchEvent<T>(type, entity, entity.Metadata.ResourceVersion);
            default:
                KubernetesClientLog.WatchUnknownEventType(_logger, resource, raw.Type);
                return null;
        }
    }

    private async Task<T> SendObjectAsync<T>(HttpMethod method, string path, string? query, byte[] body, string contentType, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await SendAsync(method, path, query, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesException((int)response.StatusCode, KubeReasons.BadRequest, $"{method} {path} returned an empty body");
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new KubernetesException((int)response.StatusCode, KubeReasons.BadRequest, $"the API server sent an unreadable {typeof(T).Name}: {ex.Message}", innerException: ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? query, HttpContent? content, CancellationToken cancellationToken, bool streaming = false)
    {
        var uri = new Uri(Config.Server, _basePath + path + (string.IsNullOrEmpty(query) ? "" : "?" + query));
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.ParseAdd(JsonContentType);
        using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesException(0, KubeReasons.Unreachable, $"{method} {path}: no answer from the API server at {Config.Server} within {_options.RequestTimeout.TotalSeconds:0.#} s", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesException(0, KubeReasons.Unreachable, $"{method} {path}: cannot reach the API server at {Config.Server}: {ex.Message}", innerException: ex);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ToExceptionAsync(method, path, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KubernetesException> ToExceptionAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        KubeStatus? status = null;
        try
        {
            status = body.Length > 0 ? JsonSerializer.Deserialize(body, KubeJsonContext.Default.KubeStatus) : null;
        }
        catch (JsonException)
        {
            // Proxies and webhooks answer with HTML or text; keep it as the message.
        }

        var reason = status?.Reason is { Length: > 0 } r ? r : response.ReasonPhrase?.Replace(" ", "", StringComparison.Ordinal) ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = status?.Message is { Length: > 0 } m ? m : Truncate(body, 512);
        KubernetesClientLog.RequestFailed(_logger, method.Method, path, code, reason, message);
        return new KubernetesException(code, reason, $"{method} {path}: {code} {reason}: {message}", status);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    private static SocketsHttpHandler CreateSocketsHandler(KubeClientConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            // Keep-alive pings detect half-open HTTP/2 connections under long watches (client-go: 3 min / 30 s).
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (config.ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { config.ClientCertificate };
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateServerCertificate(config, certificate, errors);
        return handler;
    }

    internal static bool ValidateServerCertificate(KubeClientConfig config, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (config.InsecureSkipTlsVerify) return true;
        if (certificate is not X509Certificate2 server) return false;
        var nameOk = config.TlsServerName is { Length: > 0 } expected
            ? server.MatchesHostname(expected)
            : (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        if (!nameOk || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0) return true;
        if (config.CertificateAuthority is not { Count: > 0 } roots) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
