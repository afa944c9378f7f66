namespace EppOperator.Epp.Config;

internal enum ConfigSeverity
{
    /// <summary>The configuration is used, but something in it is ignored.</summary>
    Warning,

    /// <summary>The configuration is rejected.</summary>
    Error,
}
