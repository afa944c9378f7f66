namespace EppOperator.Epp.Tests.Datalayer;

internal sealed record RecordedSample(string Name, List<KeyValuePair<string, string>> Labels, double Value, double? Timestamp)
{
    public string Label(string name) => Labels.Single(l => l.Key == name).Value;

    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}={l.Value}"))}}} {Value} {Timestamp}";
}
