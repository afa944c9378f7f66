using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>
/// <c>dataLayer</c> (some documents spell it <c>data</c>; both are read): the sources that feed endpoint data. An
/// explicitly empty section disables the default metrics source, as the reference does.
/// </summary>
internal sealed record DataLayerConfig(ImmutableArray<DataLayerSourceConfig> Sources, ConfigMark Mark);
