using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>meta/v1 Status bodies, as the API server sends them for failures, deletes and watch errors.</summary>
internal static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceDefinition definition, string name, string? uid)
    {
        var details = Details(definition, name);
        if (uid is not null) details["uid"] = uid;
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static JsonObject Details(ResourceDefinition definition, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (definition.Group.Length > 0) details["group"] = definition.Group;
        details["kind"] = definition.Plural;
        return details;
    }
}
