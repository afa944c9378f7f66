using System.Text;

namespace EppOperator.Kube.Entities;

/// <summary>
/// Where a resource lives in the REST API: <c>/api/v1/…</c> for the core group, otherwise
/// <c>/apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]</c>.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The object's kind, e.g. <c>Pod</c>.</param>
/// <param name="Plural">The lower-case plural used in paths, e.g. <c>pods</c>.</param>
/// <param name="Namespaced">False for cluster-scoped resources such as CRDs.</param>
internal sealed record EntityType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path; <paramref name="ns"/> null means all namespaces (or cluster scope).</summary>
    public string CollectionPath(string? ns)
    {
        var path = new StringBuilder(64);
        path.Append(Group.Length == 0 ? "/api/" : "/apis/").Append(ApiVersion);
        if (Namespaced && !string.IsNullOrEmpty(ns))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        return path.Append('/').Append(Plural).ToString();
    }

    public string ItemPath(string? ns, string name, string? subresource = null)
    {
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Kind} is namespaced: a namespace is required to address '{name}'.", nameof(ns));
        }

        var path = CollectionPath(ns) + "/" + Uri.EscapeDataString(name);
        return subresource is null ? path : path + "/" + subresource;
    }

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version}";
}
