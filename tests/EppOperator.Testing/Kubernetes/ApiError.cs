using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>A request failure rendered as a meta/v1 <c>Status</c> body with the matching HTTP code.</summary>
internal sealed class ApiError : Exception
{
    public ApiError(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details);

    public static ApiError NotFound(ResourceDefinition definition, string name) =>
        new(404, "NotFound", $"{definition.QualifiedName} \"{name}\" not found", StatusObjects.Details(definition, name));

    public static ApiError AlreadyExists(ResourceDefinition definition, string name) =>
        new(409, "AlreadyExists", $"{definition.QualifiedName} \"{name}\" already exists", StatusObjects.Details(definition, name));

    public static ApiError Conflict(ResourceDefinition definition, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {definition.QualifiedName} \"{name}\": {why}", StatusObjects.Details(definition, name));

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Gone(string message) => new(410, "Expired", message);

    /// <summary>422 with one cause per invalid field, formatted like the API server's aggregate message.</summary>
    public static ApiError Invalid(ResourceDefinition definition, string name, IReadOnlyList<(string Field, string Type, string Message)> causes)
    {
        var details = StatusObjects.Details(definition, name);
        details["kind"] = definition.Kind;
        var causeArray = new JsonArray();
        foreach (var (field, type, message) in causes)
        {
            // A cause names its field separately; its message is the part after "field: ".
            var text = message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;
            causeArray.Add(new JsonObject { ["reason"] = type, ["message"] = text, ["field"] = field });
        }

        details["causes"] = causeArray;
        var parts = causes.Select(c => c.Message).ToList();
        var summary = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        var kind = definition.Group.Length == 0 ? definition.Kind : $"{definition.Kind}.{definition.Group}";
        return new ApiError(422, "Invalid", $"{kind} \"{name}\" is invalid: {summary}", details);
    }
}
