using System.Reflection;

namespace EppOperator.Epp.Metrics;

/// <summary><c>inference_extension_info{commit,build_ref}</c> = 1: which build is running, as GAIE reports it.</summary>
internal static class BuildInfoMetrics
{
    public const string InfoName = "inference_extension_info";

    public static void Register(EppMeter meter, string commit, string buildRef)
    {
        meter.Meter.CreateObservableGauge(InfoName, () => new System.Diagnostics.Metrics.Measurement<int>(1,
            new KeyValuePair<string, object?>("commit", commit), new KeyValuePair<string, object?>("build_ref", buildRef)),
            description: "General information about the current build.");
    }

    public static (string Commit, string BuildRef) FromAssembly(Assembly assembly) =>
        FromInformationalVersion(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>Commit and version from an informational version such as <c>1.2.3+abcdef</c>; "unknown" for a missing part.</summary>
    public static (string Commit, string BuildRef) FromInformationalVersion(string? informationalVersion)
    {
        var version = informationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var commit = plus >= 0 ? version[(plus + 1)..] : "";
        var buildRef = plus >= 0 ? version[..plus] : version;
        return (commit.Length > 0 ? commit : "unknown", buildRef.Length > 0 ? buildRef : "unknown");
    }
}
