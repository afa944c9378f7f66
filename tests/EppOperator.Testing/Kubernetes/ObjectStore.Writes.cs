using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EppOperator.Testing.Kubernetes;

/// <summary>Create, update, patch and server-side apply.</summary>
internal sealed partial class ObjectStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private static readonly Regex Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.Compiled);
    private static readonly Regex DnsLabel = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.Compiled);
    private static readonly Regex LabelValue = new("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", RegexOptions.Compiled);
    private static readonly Regex QualifiedName = new("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.Compiled);
    private int _pendingConflicts;
    private Func<ResourceDefinition, string, bool>? _conflictFilter;

    /// <summary>The next <paramref name="count"/> matching updates, patches and applies fail with 409 Conflict.</summary>
    public void InjectConflicts(int count, Func<ResourceDefinition, string, bool>? filter)
    {
        lock (_lock)
        {
            _pendingConflicts = count;
            _conflictFilter = filter;
        }
    }

    public WriteResult Create(ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options, bool keepStatus = false)
    {
        lock (_lock)
        {
            return CreateLocked(definition, ns, body, options, keepStatus, applyFields: null);
        }
    }

    public WriteResult Update(ResourceDefinition definition, string? ns, string name, JsonObject body, string? subresource, WriteOptions options)
    {
        lock (_lock)
        {
            var key = KeyOf(definition, ns, name);
            var existing = Existing(definition, key, name, subresource);
            CheckIdentity(definition, body, name, ns);
            ConsumeInjectedConflict(definition, name);
            var resourceVersion = Meta.ResourceVersion(body);
            if (string.IsNullOrEmpty(resourceVersion))
            {
                if (definition.IsCustom)
                {
                    throw ApiError.Invalid(definition, name, [("metadata.resourceVersion", "FieldValueInvalid", "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update")]);
                }
            }
            else if (resourceVersion != Meta.ResourceVersion(existing))
            {
                throw ApiError.Conflict(definition, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            if (Meta.Uid(body) is { Length: > 0 } uid && uid != Meta.Uid(existing))
            {
                throw ApiError.Conflict(definition, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(existing)}");
            }

            var result = BuildUpdated(definition, existing, body, subresource);
            return FinishUpdate(definition, key, existing, result, options, subresource, applyFields: null);
        }
    }

    public WriteResult Patch(ResourceDefinition definition, string? ns, string name, string contentType, string body, string? subresource, WriteOptions options)
    {
        if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
        {
            return Apply(definition, ns, name, body, subresource, options);
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest($"error decoding patch: {ex.Message}");
        }

        lock (_lock)
        {
            var key = KeyOf(definition, ns, name);
            var existing = Existing(definition, key, name, subresource);
            ConsumeInjectedConflict(definition, name);
            var current = Render(definition, existing);
            JsonNode? patched = contentType switch
            {
                _ when contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal) => JsonMergePatch.Apply(current, patch),
                _ when contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal) && !definition.IsCustom => StrategicMergePatch.Apply(current, patch),
                _ when contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal) => JsonPatch.Apply(current, patch as JsonArray ?? throw ApiError.BadRequest("a JSON patch must be an array of operations")),
                _ => throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(definition.IsCustom ? "" : ", application/strategic-merge-patch+json")}"),
            };
            if (patched is not JsonObject patchedObject) throw ApiError.BadRequest("the patch does not produce an object");
            if (Meta.ResourceVersion(patchedObject) is { Length: > 0 } rv && rv != Meta.ResourceVersion(existing))
            {
                throw ApiError.Conflict(definition, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            CheckIdentity(definition, patchedObject, name, ns);
            var result = BuildUpdated(definition, existing, patchedObject, subresource);
            return FinishUpdate(definition, key, existing, result, options, subresource, applyFields: null);
        }
    }

    /// <summary>
    /// Server-side apply: create from the configuration when absent; otherwise merge it into the live object
    /// (objects recursively, lists replaced), remove fields this manager applied before but no longer does
    /// (unless another manager owns them), and refuse to change fields another manager owns unless forced.
    /// </summary>
    public WriteResult Apply(ResourceDefinition definition, string? ns, string name, string body, string? subresource, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw new ApiError(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        JsonObject applied;
        try
        {
            applied = JsonText.FromYaml(body) as JsonObject
                ?? throw ApiError.BadRequest("error decoding YAML: the apply configuration must be an object");
        }
        catch (FormatException ex)
        {
            throw ApiError.BadRequest($"error decoding YAML: {ex.Message}");
        }

        if (applied["apiVersion"] is null) throw ApiError.BadRequest("invalid object type: apiVersion must be set");
        if (applied["kind"] is null) throw ApiError.BadRequest("invalid object type: kind must be set");
        CheckIdentity(definition, applied, name, ns);
        var includeStatus = subresource == "status" || !definition.HasStatus;
        var appliedFields = ManagedFields.FieldsOf(applied, includeStatus);
        if (subresource == "status") appliedFields.RemoveWhere(f => !f.StartsWith("status", StringComparison.Ordinal));
        lock (_lock)
        {
            var key = KeyOf(definition, ns, name);
            if (!_objects.TryGetValue(key, out var entry))
            {
                if (subresource is not null) throw ApiError.NotFound(definition, name);
                Meta.Of(applied)["name"] = name;
                return CreateLocked(definition, ns, applied, options, keepStatus: false, applyFields: appliedFields);
            }

            ConsumeInjectedConflict(definition, name);
            var existing = entry.Object;
            if (Meta.ResourceVersion(applied) is { Length: > 0 } rv && rv != Meta.ResourceVersion(existing))
            {
                throw ApiError.Conflict(definition, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            var entries = ManagedFields.Read(existing);
            var sub = subresource ?? "";
            var previous = entries.FirstOrDefault(e => e.Manager == options.FieldManager && e.Operation == "Apply" && e.Subresource == sub)?.Fields ?? [];
            var conflicts = new List<(string Manager, string Field)>();
            foreach (var other in entries.Where(e => e.Manager != options.FieldManager && e.Subresource == sub))
            {
                foreach (var field in appliedFields)
                {
                    if (other.Fields.Any(f => ManagedFields.Overlaps(f, field))
                        && !JsonNode.DeepEquals(ManagedFields.Get(existing, field), ManagedFields.Get(applied, field)))
                    {
                        conflicts.Add((other.Manager, field));
                    }
                }
            }

            if (conflicts.Count > 0 && !options.Force)
            {
                var causes = new JsonArray();
                foreach (var (manager, field) in conflicts)
                {
                    causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with \"{manager}\"", ["field"] = ManagedFields.Display(field) });
                }

                var summary = string.Join(", ", conflicts.Select(c => $"conflict with \"{c.Manager}\": {ManagedFields.Display(c.Field)}"));
                var details = StatusObjects.Details(definition, name);
                details["causes"] = causes;
                throw new ApiError(409, "Conflict", $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: {summary}", details);
            }

            var merged = (JsonObject)DeepMerge(Render(definition, existing), subresource == "status" ? new JsonObject { ["status"] = applied["status"]?.DeepClone() } : applied)!;
            foreach (var field in previous.Except(appliedFields))
            {
                if (!entries.Any(e => e.Manager != options.FieldManager && e.Fields.Contains(field))) ManagedFields.Remove(merged, field);
            }

            var result = BuildUpdated(definition, existing, merged, subresource);
            var updatedEntries = entries
                .Where(e => !(e.Manager == options.FieldManager && e.Operation == "Apply" && e.Subresource == sub))
                .Select(e => e with { Fields = e.Manager == options.FieldManager ? e.Fields : [.. e.Fields.Where(f => !conflicts.Any(c => c.Manager == e.Manager && ManagedFields.Overlaps(c.Field, f)))] })
                .Append(new ManagedFields.Entry(options.FieldManager, "Apply", sub, definition.ApiVersion, Meta.Timestamp(_time.GetUtcNow()), appliedFields))
                .ToList();
            ManagedFields.Write(result, updatedEntries);
            return FinishUpdate(definition, key, existing, result, options, subresource, applyFields: appliedFields);
        }
    }

    private WriteResult CreateLocked(ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options, bool keepStatus, HashSet<string>? applyFields)
    {
        CheckTypeMeta(definition, body);
        var obj = (JsonObject)body.DeepClone();
        var meta = Meta.Of(obj);
        var name = Meta.Name(obj);
        if (name.Length == 0 && Meta.Text(obj, "generateName") is { Length: > 0 } prefix)
        {
            name = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]));
            meta["name"] = name;
        }

        if (name.Length == 0)
        {
            throw ApiError.Invalid(definition, name, [("metadata.name", "FieldValueRequired", "metadata.name: Required value: name or generateName is required")]);
        }

        if (definition.Namespaced)
        {
            var bodyNamespace = Meta.Namespace(obj);
            if (bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            if (string.IsNullOrEmpty(ns)) throw ApiError.BadRequest($"a namespace is required to create {definition.QualifiedName}");
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }

        if (Meta.ResourceVersion(obj) is { Length: > 0 })
        {
            throw ApiError.Invalid(definition, name, [("metadata.resourceVersion", "FieldValueInvalid", "metadata.resourceVersion: Invalid value: resourceVersion should not be set on objects to be created")]);
        }

        var key = KeyOf(definition, ns, name);
        if (_objects.ContainsKey(key)) throw ApiError.AlreadyExists(definition, name);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Meta.Timestamp(_time.GetUtcNow());
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("generation");
        if (TracksGeneration(definition)) meta["generation"] = 1L;
        if (definition.HasStatus && !keepStatus) obj.Remove("status");
        InitialiseStatus(definition, obj);
        var fields = applyFields ?? ManagedFields.FieldsOf(obj, includeStatus: !definition.HasStatus);
        ManagedFields.Write(obj, [new ManagedFields.Entry(options.FieldManager, applyFields is null ? "Update" : "Apply", "", definition.ApiVersion, Meta.Timestamp(_time.GetUtcNow()), fields)]);
        var warnings = PrepareWrite(definition, name, obj, options);
        if (definition.Plural == "customresourcedefinitions") AcceptCrd(definition, obj);
        if (options.DryRun) return new WriteResult(Render(definition, obj), Created: true, warnings);
        Commit(key, definition, obj, "ADDED", null);
        if (Meta.OwnerReferences(obj) is not null) RequestGarbageCollection();
        return new WriteResult(Render(definition, obj), Created: true, warnings);
    }

    private JsonObject Existing(ResourceDefinition definition, ObjectKey key, string name, string? subresource)
    {
        if (subresource is not null && (subresource != "status" || !definition.HasStatus))
        {
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        }

        return _objects.TryGetValue(key, out var entry) ? entry.Object : throw ApiError.NotFound(definition, name);
    }

    /// <summary>The object a write produces before server-side checks: status or main-resource rules applied.</summary>
    private static JsonObject BuildUpdated(ResourceDefinition definition, JsonObject existing, JsonObject incoming, string? subresource)
    {
        JsonObject result;
        if (subresource == "status")
        {
            // The status endpoint ignores everything but status.
            result = Clone(existing);
            if (incoming["status"] is { } status) result["status"] = status.DeepClone();
            else result.Remove("status");
            return result;
        }

        result = Clone(incoming);
        var meta = Meta.Of(result);
        var old = Meta.Of(existing);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            if (old[field] is { } value) meta[field] = value.DeepClone();
            else meta.Remove(field);
        }

        if (meta["managedFields"] is null && old["managedFields"] is { } managed) meta["managedFields"] = managed.DeepClone();
        if (definition.HasStatus)
        {
            // The main resource ignores status changes when a status subresource exists.
            if (existing["status"] is { } status) result["status"] = status.DeepClone();
            else result.Remove("status");
        }

        return result;
    }

    private WriteResult FinishUpdate(ResourceDefinition definition, ObjectKey key, JsonObject existing, JsonObject result, WriteOptions options, string? subresource, HashSet<string>? applyFields)
    {
        var name = key.Name;
        if (Meta.IsDeleting(existing))
        {
            var added = Meta.Finalizers(result).Except(Meta.Finalizers(existing)).ToList();
            if (added.Count > 0)
            {
                throw ApiError.Invalid(definition, name, [("metadata.finalizers", "FieldValueForbidden", $"metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}")]);
            }
        }

        var warnings = PrepareWrite(definition, name, result, options);
        BuiltInDefaults.CheckImmutable(definition, name, existing, result);
        if (definition.Plural == "customresourcedefinitions") AcceptCrd(definition, result);
        if (SameContent(existing, result) && (applyFields is null || SameOwnership(existing, result)))
        {
            return new WriteResult(Render(definition, existing), Created: false, warnings);
        }
        if (TracksGeneration(definition) && SpecChanged(definition, existing, result))
        {
            Meta.Of(result)["generation"] = Meta.Generation(existing) + 1;
        }

        if (applyFields is null) RecordUpdateOwnership(definition, existing, result, options.FieldManager, subresource);
        if (options.DryRun) return new WriteResult(Render(definition, result), Created: false, warnings);
        if (Meta.IsDeleting(result) && Meta.Finalizers(result).Count == 0)
        {
            // Removing the last finalizer of a deleting object deletes it; watchers see only DELETED.
            Commit(key, definition, result, "DELETED", existing);
            OnDeleted(definition, result);
            return new WriteResult(Render(definition, result), Created: false, warnings);
        }

        Commit(key, definition, result, "MODIFIED", existing);
        if (Meta.OwnerReferences(result) is not null || Meta.OwnerReferences(existing) is not null || Meta.IsDeleting(result)) RequestGarbageCollection();
        return new WriteResult(Render(definition, result), Created: false, warnings);
    }

    private void RecordUpdateOwnership(ResourceDefinition definition, JsonObject existing, JsonObject result, string manager, string? subresource)
    {
        var includeStatus = subresource == "status" || !definition.HasStatus;
        var changed = ManagedFields.Changed(existing, result, includeStatus);
        if (subresource == "status") changed.RemoveWhere(f => !f.StartsWith("status", StringComparison.Ordinal));
        if (changed.Count == 0) return;
        var sub = subresource ?? "";
        var entries = ManagedFields.Read(result);
        foreach (var entry in entries)
        {
            if (entry.Manager != manager) entry.Fields.RemoveWhere(f => changed.Any(c => ManagedFields.Overlaps(c, f)));
        }

        var own = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update" && e.Subresource == sub);
        if (own is null)
        {
            own = new ManagedFields.Entry(manager, "Update", sub, definition.ApiVersion, "", []);
            entries.Add(own);
        }

        own.Fields.UnionWith(changed);
        var index = entries.IndexOf(own);
        entries[index] = own with { Time = Meta.Timestamp(_time.GetUtcNow()) };
        ManagedFields.Write(result, entries);
    }

    /// <summary>Schema pruning, defaulting and validation for custom resources; metadata rules for all.</summary>
    private static List<string> PrepareWrite(ResourceDefinition definition, string name, JsonObject obj, WriteOptions options)
    {
        var warnings = new List<string>();
        var errors = new List<(string Field, string Type, string Message)>();
        BuiltInDefaults.Apply(definition, obj);
        ValidateMetadata(definition, obj, errors);
        if (definition.IsCustom && definition.Schema is not null)
        {
            var (schemaErrors, unknown) = SchemaValidator.Process(obj, definition.Schema);
            errors.AddRange(schemaErrors);
            if (unknown.Count > 0)
            {
                if (options.FieldValidation == "Strict")
                {
                    throw ApiError.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
                }

                if (options.FieldValidation == "Warn") warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
            }
        }

        if (errors.Count > 0) throw ApiError.Invalid(definition, name, errors);
        return warnings;
    }

    private static void ValidateMetadata(ResourceDefinition definition, JsonObject obj, List<(string Field, string Type, string Message)> errors)
    {
        var name = Meta.Name(obj);
        var pattern = definition.Plural is "namespaces" or "services" ? DnsLabel : Subdomain;
        var maxLength = pattern == DnsLabel ? 63 : 253;
        if (name.Length > maxLength || !pattern.IsMatch(name))
        {
            var what = pattern == DnsLabel ? "a lowercase RFC 1123 label" : "a lowercase RFC 1123 subdomain";
            errors.Add(("metadata.name", "FieldValueInvalid", $"metadata.name: Invalid value: \"{name}\": {what} must consist of lower case alphanumeric characters, '-'{(pattern == DnsLabel ? "" : " or '.'")}, and must start and end with an alphanumeric character"));
        }

        foreach (var field in new[] { "labels", "annotations" })
        {
            var node = obj["metadata"]?[field];
            if (node is null) continue;
            if (node is not JsonObject map || map.Any(p => p.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                throw ApiError.BadRequest($"json: cannot unmarshal metadata.{field}: expected a map of strings");
            }

            foreach (var (key, value) in map)
            {
                var keyName = key.Contains('/', StringComparison.Ordinal) ? key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..] : key;
                if (keyName.Length is 0 or > 63 || !QualifiedName.IsMatch(keyName))
                {
                    errors.Add(($"metadata.{field}", "FieldValueInvalid", $"metadata.{field}: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }

                var text = value!.GetValue<string>();
                if (field == "labels" && (text.Length > 63 || !LabelValue.IsMatch(text)))
                {
                    errors.Add(($"metadata.labels", "FieldValueInvalid", $"metadata.labels: Invalid value: \"{text}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }
            }
        }
    }

    private static void CheckTypeMeta(ResourceDefinition definition, JsonObject body)
    {
        if (body["apiVersion"] is JsonValue apiVersion && apiVersion.ToString() != definition.ApiVersion && apiVersion.ToString().Length > 0)
        {
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
        }

        if (body["kind"] is JsonValue kind && kind.ToString() != definition.Kind && kind.ToString().Length > 0)
        {
            throw ApiError.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({definition.Kind})");
        }
    }

    private static void CheckIdentity(ResourceDefinition definition, JsonObject body, string name, string? ns)
    {
        CheckTypeMeta(definition, body);
        if (Meta.Name(body) is { Length: > 0 } bodyName && bodyName != name)
        {
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (definition.Namespaced && Meta.Namespace(body) is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private void ConsumeInjectedConflict(ResourceDefinition definition, string name)
    {
        if (_pendingConflicts <= 0 || !(_conflictFilter?.Invoke(definition, name) ?? true)) return;
        _pendingConflicts--;
        throw ApiError.Conflict(definition, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    private static bool TracksGeneration(ResourceDefinition definition) => definition.IsCustom || definition.HasStatus;

    private static bool SpecChanged(ResourceDefinition definition, JsonObject before, JsonObject after)
    {
        static JsonObject Strip(JsonObject obj, bool dropStatus)
        {
            var copy = Clone(obj);
            copy.Remove("metadata");
            if (dropStatus) copy.Remove("status");
            return copy;
        }

        var changed = !JsonNode.DeepEquals(Strip(before, definition.HasStatus), Strip(after, definition.HasStatus));
        // Setting deletionTimestamp also bumps the generation of objects that track it.
        return changed || (Meta.IsDeleting(after) && !Meta.IsDeleting(before));
    }

    private static bool SameContent(JsonObject before, JsonObject after)
    {
        static JsonObject Normalise(JsonObject obj)
        {
            var copy = Clone(obj);
            copy.Remove("apiVersion");
            copy.Remove("kind");
            var meta = Meta.Of(copy);
            meta.Remove("resourceVersion");
            meta.Remove("managedFields");
            return copy;
        }

        return JsonNode.DeepEquals(Normalise(before), Normalise(after));
    }

    private static bool SameOwnership(JsonObject before, JsonObject after)
    {
        static string Describe(JsonObject obj) => string.Join(";", ManagedFields.Read(obj)
            .Select(e => $"{e.Manager}|{e.Operation}|{e.Subresource}|{string.Join(",", e.Fields.Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal));

        return Describe(before) == Describe(after);
    }

    private static JsonNode? DeepMerge(JsonNode? target, JsonNode? source)
    {
        if (source is not JsonObject sourceObject || target is not JsonObject targetObject) return source?.DeepClone();
        var result = (JsonObject)targetObject.DeepClone();
        foreach (var (key, value) in sourceObject) result[key] = DeepMerge(result[key], value);
        return result;
    }

    private static void InitialiseStatus(ResourceDefinition definition, JsonObject obj)
    {
        if (definition.Group.Length > 0 || obj["status"] is not null) return;
        if (definition.Plural == "pods") obj["status"] = new JsonObject { ["phase"] = "Pending" };
        if (definition.Plural == "namespaces") obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    /// <summary>A CRD write: register its served versions and report it accepted and established.</summary>
    private void AcceptCrd(ResourceDefinition crdDefinition, JsonObject crd)
    {
        _registry.RegisterCrd(crd, crdDefinition);
        var now = Meta.Timestamp(_time.GetUtcNow());
        var spec = crd["spec"]!;
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray((spec["versions"] as JsonArray ?? []).Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)JsonValue.Create(v!["name"]!.GetValue<string>())).ToArray()),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };

    internal static string FormatInvariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
