using System.CommandLine;
using EppOperator.Operator.Configuration;

namespace EppOperator.Operator.Cli;

/// <summary>Flags shared by <c>run</c>, <c>render</c> and <c>manifests</c> that shape what the operator creates for pools.</summary>
internal sealed class SettingsOptions
{
    public Option<string> DataPlane { get; } = new("--data-plane")
    {
        Description = "Data plane for managed pools without the " + OperatorConstants.DataPlaneAnnotation + " annotation: " + string.Join(", ", DataPlaneNames.All),
        DefaultValueFactory = _ => "none",
    };

    public Option<string> EppImage { get; } = new("--epp-image") { Description = "Image of the endpoint picker", DefaultValueFactory = _ => new OperatorSettings().EppImage };

    public Option<string> EnvoyImage { get; } = new("--envoy-image") { Description = "Image of the standalone Envoy (needs the override_host load balancer, Envoy 1.35+)", DefaultValueFactory = _ => new OperatorSettings().EnvoyImage };

    public Option<bool> SecureServing { get; } = new("--secure-serving") { Description = "Pickers serve ext_proc over TLS with certificates from the operator CA", DefaultValueFactory = _ => true };

    public Option<string> ClusterDomain { get; } = new("--cluster-domain") { Description = "DNS suffix of Services", DefaultValueFactory = _ => "cluster.local" };

    public void AddTo(Command command)
    {
        command.Options.Add(DataPlane);
        command.Options.Add(EppImage);
        command.Options.Add(EnvoyImage);
        command.Options.Add(SecureServing);
        command.Options.Add(ClusterDomain);
    }

    /// <summary>The settings, or null with a message naming the bad flag.</summary>
    public OperatorSettings? Bind(ParseResult parse, List<string> errors)
    {
        var planeText = parse.GetValue(DataPlane);
        if (!DataPlaneNames.TryParse(planeText, out var plane)) errors.Add($"--data-plane: '{planeText}' is not one of {string.Join(", ", DataPlaneNames.All)}");
        var image = parse.GetValue(EppImage) ?? "";
        if (image.Trim().Length == 0) errors.Add("--epp-image: must not be empty");
        var envoy = parse.GetValue(EnvoyImage) ?? "";
        if (envoy.Trim().Length == 0) errors.Add("--envoy-image: must not be empty");
        var domain = parse.GetValue(ClusterDomain) ?? "";
        if (domain.Length == 0 || Uri.CheckHostName(domain) != UriHostNameType.Dns) errors.Add($"--cluster-domain: '{domain}' is not a DNS name");
        if (errors.Count > 0) return null;
        return new OperatorSettings
        {
            DefaultDataPlane = plane,
            EppImage = image,
            EnvoyImage = envoy,
            SecureServing = parse.GetValue(SecureServing),
            ClusterDomain = domain,
        };
    }
}
