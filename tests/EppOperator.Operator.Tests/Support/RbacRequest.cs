using EppOperator.Kube.Entities.Rbac;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Operator.Tests.Support;

/// <summary>
/// What the API server's authorizer would check for one recorded request: API group, resource (with
/// <c>/subresource</c>) and verb, derived from the path and method the way the server's request-info resolver does.
/// </summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Resource">Plural resource, e.g. <c>inferencepools/status</c>.</param>
/// <param name="Verb">get, list, watch, create, update, patch, delete or deletecollection.</param>
internal sealed record RbacRequest(string Group, string Resource, string Verb)
{
    /// <summary>The resource request, or null for discovery and other non-resource paths (always allowed).</summary>
    public static RbacRequest? From(RecordedRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        int rest;
        switch (segments)
        {
            case ["api", _, ..]:
                (group, rest) = ("", 2);
                break;
            case ["apis", var g, _, ..]:
                (group, rest) = (g, 3);
                break;
            default:
                return null;
        }

        var parts = segments[rest..];
        if (parts.Length == 0) return null;
        if (parts is ["namespaces", _, _, ..]) parts = parts[2..];
        var resource = parts.Length > 2 ? $"{parts[0]}/{parts[2]}" : parts[0];
        var named = parts.Length > 1;
        var verb = request.Method switch
        {
            "GET" => named ? "get" : request.IsWatch ? "watch" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => request.Method.ToLowerInvariant(),
        };
        return new RbacRequest(group, resource, verb);
    }

    public bool IsAllowedBy(IEnumerable<PolicyRule> rules) => rules.Any(r =>
        Matches(r.ApiGroups, Group) && Matches(r.Resources, Resource) && Matches(r.Verbs, Verb));

    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}";

    private static bool Matches(IEnumerable<string>? granted, string wanted) => granted?.Any(g => g == "*" || g == wanted) == true;
}
