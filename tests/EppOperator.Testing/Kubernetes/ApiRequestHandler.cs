using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Routes REST requests to the store the way the API server's handler chain does: discovery, then
/// <c>/api/v1/…</c> and <c>/apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]</c> with the
/// verb chosen by method and <c>watch</c>; failures become Status bodies.
/// </summary>
internal sealed class ApiRequestHandler
{
    private readonly ObjectStore _store;
    private readonly KubeApiServerOptions _options;
    private readonly FaultInjector _faults;
    private readonly Func<string> _serverAddress;
    private readonly List<RecordedRequest> _requests = [];

    public ApiRequestHandler(ObjectStore store, KubeApiServerOptions options, FaultInjector faults, Func<string> serverAddress)
    {
        _store = store;
        _options = options;
        _faults = faults;
        _serverAddress = serverAddress;
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void ClearRequests()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isWatch = request.Query["watch"] is { Count: > 0 } w && w[0] is "true" or "1";
        var recorded = new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.Headers.UserAgent.ToString(), isWatch);
        lock (_requests)
        {
            if (_requests.Count >= 10_000) _requests.RemoveAt(0);
            _requests.Add(recorded);
        }

        try
        {
            if (!Authenticated(context)) throw new ApiError(401, "Unauthorized", "Unauthorized");
            if (_faults.TakeFailure(recorded) is { } injected) throw injected;
            await RouteAsync(context, isWatch).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            if (!context.Response.HasStarted) await WriteJsonAsync(context, error.Code, error.ToStatus()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            // Malformed input the fixture did not anticipate: answer like the server's panic recovery, not a crash.
            if (!context.Response.HasStarted) await WriteJsonAsync(context, 500, StatusObjects.Failure(500, "InternalError", $"Internal error occurred: {ex.Message}")).ConfigureAwait(false);
        }
    }

    private bool Authenticated(HttpContext context)
    {
        if (_options.BearerToken is null) return true;
        var path = context.Request.Path.Value ?? "";
        if (path is "/healthz" or "/livez" or "/readyz" or "/version") return true;
        if (context.Connection.ClientCertificate is not null) return true;
        var header = context.Request.Headers.Authorization.ToString();
        return header == "Bearer " + _options.BearerToken;
    }

    private async Task RouteAsync(HttpContext context, bool isWatch)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case []:
                await WriteJsonAsync(context, 200, new JsonObject { ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/version") }).ConfigureAwait(false);
                return;
            case ["healthz" or "livez" or "readyz", ..]:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok").ConfigureAwait(false);
                return;
            case ["version"]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.Version()).ConfigureAwait(false);
                return;
            case ["openapi", "v3"]:
                await WriteJsonAsync(context, 200, OpenApiDocuments.Index(_store.Registry)).ConfigureAwait(false);
                return;
            case ["openapi", "v3", "api", var version]:
                await WriteJsonAsync(context, 200, OpenApiDocuments.GroupVersion(_store.Registry, "", version) ?? throw NotFoundPath()).ConfigureAwait(false);
                return;
            case ["openapi", "v3", "apis", var group, var version]:
                await WriteJsonAsync(context, 200, OpenApiDocuments.GroupVersion(_store.Registry, group, version) ?? throw NotFoundPath()).ConfigureAwait(false);
                return;
            case ["api"]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.CoreVersions(_serverAddress())).ConfigureAwait(false);
                return;
            case ["apis"]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.GroupList(_store.Registry)).ConfigureAwait(false);
                return;
            case ["apis", var group]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.Group(_store.Registry, group) ?? throw NotFoundPath()).ConfigureAwait(false);
                return;
            case ["api", var version]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.ResourceList(_store.Registry, "", version) ?? throw NotFoundPath()).ConfigureAwait(false);
                return;
            case ["apis", var group, var version]:
                await WriteJsonAsync(context, 200, DiscoveryDocuments.ResourceList(_store.Registry, group, version) ?? throw NotFoundPath()).ConfigureAwait(false);
                return;
            case ["api", var version, .. var rest]:
                await ResourceAsync(context, "", version, rest, isWatch).ConfigureAwait(false);
                return;
            case ["apis", var group, var version, .. var rest]:
                await ResourceAsync(context, group, version, rest, isWatch).ConfigureAwait(false);
                return;
            default:
                throw NotFoundPath();
        }
    }

    private async Task ResourceAsync(HttpContext context, string group, string version, string[] rest, bool isWatch)
    {
        string? ns = null;
        string plural;
        string? name;
        string? subresource;
        var isNamespaceItself = group.Length == 0 && rest.Length == 3 && rest[0] == "namespaces" && rest[2] is "status" or "finalize";
        if (rest.Length >= 3 && rest[0] == "namespaces" && !isNamespaceItself)
        {
            ns = rest[1];
            plural = rest[2];
            name = rest.ElementAtOrDefault(3);
            subresource = rest.ElementAtOrDefault(4);
            if (rest.Length > 5) throw NotFoundPath();
        }
        else
        {
            plural = rest[0];
            name = rest.ElementAtOrDefault(1);
            subresource = rest.ElementAtOrDefault(2);
            if (rest.Length > 3) throw NotFoundPath();
        }

        var definition = _store.Registry.Find(group, version, plural) ?? throw NotFoundPath();
        if (!definition.Namespaced && ns is not null) throw NotFoundPath();
        if (definition.Namespaced && ns is null && name is not null) throw NotFoundPath();
        var query = context.Request.Query;
        var method = context.Request.Method;
        if (name is null)
        {
            switch (method)
            {
                case "GET" when isWatch:
                    await WatchAsync(context, definition, ns).ConfigureAwait(false);
                    return;
                case "GET":
                    await ListAsync(context, definition, ns).ConfigureAwait(false);
                    return;
                case "POST":
                    var created = _store.Create(definition, ns, await ReadObjectAsync(context).ConfigureAwait(false), WriteOptionsOf(context, apply: false));
                    await WriteObjectAsync(context, created.Created ? 201 : 200, created).ConfigureAwait(false);
                    return;
                case "DELETE":
                    await DeleteCollectionAsync(context, definition, ns).ConfigureAwait(false);
                    return;
                default:
                    throw new ApiError(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
            }
        }

        switch (method)
        {
            case "GET":
                var obj = _store.Get(definition, ns, name);
                if (WantsTable(context)) obj = TableWriter.Write(definition, [obj], _store.CurrentResourceVersion, _options.TimeProvider.GetUtcNow(), IncludeObject(context));
                await WriteJsonAsync(context, 200, obj).ConfigureAwait(false);
                return;
            case "PUT":
                var updated = _store.Update(definition, ns, name, await ReadObjectAsync(context).ConfigureAwait(false), subresource, WriteOptionsOf(context, apply: false));
                await WriteObjectAsync(context, 200, updated).ConfigureAwait(false);
                return;
            case "PATCH":
                var contentType = context.Request.ContentType ?? "";
                var body = await ReadBodyAsync(context).ConfigureAwait(false);
                var patched = _store.Patch(definition, ns, name, contentType, body, subresource, WriteOptionsOf(context, apply: contentType.StartsWith("application/apply-patch", StringComparison.Ordinal)));
                await WriteObjectAsync(context, patched.Created ? 201 : 200, patched).ConfigureAwait(false);
                return;
            case "DELETE":
                if (subresource is not null) throw NotFoundPath();
                var remaining = _store.Delete(definition, ns, name, await ReadDeleteRequestAsync(context).ConfigureAwait(false));
                await WriteJsonAsync(context, 200, remaining ?? StatusObjects.Success(definition, name, null)).ConfigureAwait(false);
                return;
            default:
                throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        static bool IncludeObject(HttpContext context) => context.Request.Query["includeObject"].ToString() == "Object";
    }

    private async Task ListAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        int? limit = int.TryParse(query["limit"].ToString(), CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        var result = _store.List(definition, ns, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]), limit, query["continue"].ToString());
        if (WantsTable(context))
        {
            var table = TableWriter.Write(definition, result.Items, result.ResourceVersion, _options.TimeProvider.GetUtcNow(), query["includeObject"].ToString() == "Object");
            if (result.Continue is not null) ((JsonObject)table["metadata"]!)["continue"] = result.Continue;
            await WriteJsonAsync(context, 200, table).ConfigureAwait(false);
            return;
        }

        var items = new JsonArray();
        foreach (var item in result.Items)
        {
            // Built-in typed lists omit each item's apiVersion and kind; custom resource lists keep them.
            if (!definition.IsCustom)
            {
                item.Remove("apiVersion");
                item.Remove("kind");
            }

            items.Add(item);
        }

        var metadata = new JsonObject { ["resourceVersion"] = result.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (result.Continue is not null)
        {
            metadata["continue"] = result.Continue;
            metadata["remainingItemCount"] = result.RemainingItemCount;
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = definition.ListKind,
            ["apiVersion"] = definition.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        }).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        var allowBookmarks = query["allowWatchBookmarks"].ToString() is "true" or "1";
        var sendInitialEvents = query["sendInitialEvents"].ToString() == "true";
        var subscription = _store.Watch(definition, ns, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]), query["resourceVersion"].ToString(), allowBookmarks, sendInitialEvents);
        subscription.Abort = context.Abort;
        var timeout = long.TryParse(query["timeoutSeconds"].ToString(), CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            // Like the API server, send the headers now: a client must not wait for the first event to learn the watch is open.
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            if (timeout is { } t) lifetime.CancelAfter(t);
            var bookmarkInterval = allowBookmarks ? _options.BookmarkInterval : null;
            var reader = subscription.Lines;
            while (!lifetime.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                if (bookmarkInterval is { } interval) wait.CancelAfter(interval);
                bool available;
                try
                {
                    available = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    _store.SendBookmark(subscription);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (!available) break;
                while (reader.TryRead(out var line))
                {
                    if (line is null) continue;
                    await context.Response.WriteAsync(line + "\n", lifetime.Token).ConfigureAwait(false);
                }

                await context.Response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away or the watch timed out: both end the stream.
        }
        finally
        {
            _store.Unsubscribe(subscription);
        }
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        var options = await ReadDeleteRequestAsync(context).ConfigureAwait(false);
        var items = _store.List(definition, ns, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]), null, null).Items;
        var deleted = new JsonArray();
        foreach (var item in items)
        {
            try
            {
                if (_store.Delete(definition, Meta.Namespace(item), Meta.Name(item), options) is { } remaining) deleted.Add(remaining);
                else deleted.Add(item);
            }
            catch (ApiError error) when (error.Code == 404)
            {
            }
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = definition.ListKind,
            ["apiVersion"] = definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        }).ConfigureAwait(false);
    }

    private static WriteOptions WriteOptionsOf(HttpContext context, bool apply)
    {
        var query = context.Request.Query;
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0 && !apply)
        {
            // The server derives a manager from the user agent's program name when none is given.
            var agent = context.Request.Headers.UserAgent.ToString();
            manager = agent.Split('/', ' ')[0];
            if (manager.Length == 0) manager = "unknown";
        }

        var validation = query["fieldValidation"].ToString();
        return new WriteOptions(
            manager,
            DryRun: query["dryRun"].ToString() == "All",
            FieldValidation: validation.Length == 0 ? "Warn" : validation,
            Force: query["force"].ToString() == "true");
    }

    private static async Task<DeleteRequest> ReadDeleteRequestAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        JsonObject? options = null;
        if (body.Trim().Length > 0)
        {
            try
            {
                options = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException ex)
            {
                throw ApiError.BadRequest($"invalid DeleteOptions: {ex.Message}");
            }
        }

        var propagation = options?["propagationPolicy"]?.GetValue<string>() ?? NullIfEmpty(query["propagationPolicy"].ToString());
        if (propagation is not (null or "Background" or "Foreground" or "Orphan"))
        {
            throw new ApiError(422, "Invalid", $"DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        }

        if (options?["orphanDependents"]?.GetValue<bool>() == true) propagation = "Orphan";
        long? grace = options?["gracePeriodSeconds"] is JsonValue g ? (long?)SchemaValidator.ToDouble(g) : long.TryParse(query["gracePeriodSeconds"].ToString(), CultureInfo.InvariantCulture, out var q) ? q : null;
        var preconditions = options?["preconditions"] as JsonObject;
        return new DeleteRequest(
            propagation,
            grace,
            preconditions?["uid"]?.GetValue<string>(),
            preconditions?["resourceVersion"]?.GetValue<string>(),
            query["dryRun"].ToString() == "All" || options?["dryRun"] is JsonArray { Count: > 0 });
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        try
        {
            var contentType = context.Request.ContentType ?? "";
            var node = contentType.Contains("yaml", StringComparison.Ordinal)
                ? JsonText.FromYaml(body)
                : JsonNode.Parse(body);
            return node as JsonObject ?? throw ApiError.BadRequest("the request body must be a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw ApiError.BadRequest($"the body of the request was in an unknown format: {ex.Message}");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static bool WantsTable(HttpContext context) => context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static ApiError NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    private static async Task WriteObjectAsync(HttpContext context, int code, WriteResult result)
    {
        foreach (var warning in result.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await WriteJsonAsync(context, code, result.Object).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonText.Of(body)).ConfigureAwait(false);
    }
}
