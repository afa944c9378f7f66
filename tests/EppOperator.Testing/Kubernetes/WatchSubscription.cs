using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// One open watch: its filter (resource, namespace, selectors) and the queue of rendered lines the HTTP
/// handler streams out. Lines are produced under the store lock, so their order is the commit order.
/// </summary>
internal sealed class WatchSubscription
{
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(ResourceDefinition definition, string? ns, LabelSelector labels, FieldSelector fields, bool allowBookmarks)
    {
        Definition = definition;
        Namespace = ns;
        Labels = labels;
        Fields = fields;
        AllowBookmarks = allowBookmarks;
    }

    public ResourceDefinition Definition { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public bool AllowBookmarks { get; }

    /// <summary>Set by the HTTP handler: drops the connection without a clean end (a network failure).</summary>
    public Action? Abort { get; set; }

    public ChannelReader<string?> Lines => _lines.Reader;

    public bool Matches(JsonObject obj) =>
        (Namespace is null || Meta.Namespace(obj) == Namespace) && Labels.Matches(Meta.Labels(obj)) && Fields.Matches(obj);

    public void Write(string type, JsonObject obj) =>
        _lines.Writer.TryWrite(JsonText.Of(new JsonObject { ["type"] = type, ["object"] = obj }));

    public void WriteRaw(string line) => _lines.Writer.TryWrite(line);

    /// <summary>Ends the stream cleanly after the queued lines.</summary>
    public void Close() => _lines.Writer.TryComplete();
}
