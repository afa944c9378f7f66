using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Kube.Tests;

/// <summary>Clients for a fixture server, configured through the real kubeconfig loader.</summary>
internal static class FixtureClients
{
    public static KubernetesClient Create(KubeApiServer server, KubernetesClientOptions? options = null, DelegatingHandler? interceptor = null, string? token = null) =>
        new(Config(server, token), options ?? new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, interceptor: interceptor);

    public static KubeClientConfig Config(KubeApiServer server, string? token = null) =>
        KubeConfigLoader.Load(server.KubeconfigYaml(token), Path.Combine(Path.GetTempPath(), "fixture-kubeconfig"));
}
