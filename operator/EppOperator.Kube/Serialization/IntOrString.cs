using System.Globalization;
using System.Text.Json.Serialization;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// The <c>int-or-string</c> type of Kubernetes (Service <c>targetPort</c>, probe ports, rollout surge): a
/// number or a named/percentage string. Serialised as whichever it holds.
/// </summary>
[JsonConverter(typeof(IntOrStringConverter))]
internal readonly record struct IntOrString
{
    private IntOrString(int? number, string? text)
    {
        Number = number;
        Text = text;
    }

    public int? Number { get; }

    public string? Text { get; }

    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(null, value);

    public static implicit operator IntOrString(int value) => FromInt(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? "";
}
