namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Result of reading one scraped page: the endpoint's new metrics, or null when the page held none of the
/// mapped metrics (so the scrape counts as failed and the endpoint is not refreshed).
/// </summary>
internal readonly record struct MetricsExtraction(EndpointMetrics? Metrics, PrometheusParseStats Stats);
