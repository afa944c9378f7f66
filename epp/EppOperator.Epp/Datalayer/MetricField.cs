namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Where one <see cref="EndpointMetrics"/> field comes from: the sample value of the selected series, or, for
/// "info" style metrics such as <c>vllm:cache_config_info</c>, an integer label of it (<see cref="ValueLabel"/>).
/// </summary>
internal sealed record MetricField(MetricSelector Selector, string? ValueLabel = null)
{
    public static MetricField Value(string selector) => new(MetricSelector.Parse(selector));

    public static MetricField Label(string selector, string label) => new(MetricSelector.Parse(selector), label);

    public override string ToString() => ValueLabel is null ? Selector.ToString() : $"{Selector} label {ValueLabel}";
}
