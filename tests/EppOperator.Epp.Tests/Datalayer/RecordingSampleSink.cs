using System.Text;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>Selects every family (or only <c>only</c>) and keeps decoded copies of the samples it is given.</summary>
internal sealed class RecordingSampleSink(params string[] only) : IPrometheusSampleSink
{
    public List<RecordedSample> Samples { get; } = [];

    public int Select(ReadOnlySpan<byte> metricName) =>
        only.Length == 0 || only.Contains(Encoding.UTF8.GetString(metricName)) ? 0 : -1;

    public void Accept(int slot, in PrometheusSample sample)
    {
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var label in sample.Labels) labels.Add(new(Encoding.UTF8.GetString(label.Name), label.GetValue()));
        Samples.Add(new RecordedSample(Encoding.UTF8.GetString(sample.Name), labels, sample.Value, sample.Timestamp));
    }

    public RecordedSample Single(string name) => Samples.Single(s => s.Name == name);
}
