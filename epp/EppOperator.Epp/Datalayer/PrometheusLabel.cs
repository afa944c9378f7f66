namespace EppOperator.Epp.Datalayer;

/// <summary>One label of a sample; <see cref="RawValue"/> is the text between the quotes, still escaped.</summary>
internal readonly ref struct PrometheusLabel(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue)
{
    public ReadOnlySpan<byte> Name { get; } = name;

    public ReadOnlySpan<byte> RawValue { get; } = rawValue;

    public string GetValue() => PrometheusLabelValue.Decode(RawValue);
}
