using EppOperator.Operator.Configuration;
using EppOperator.Operator.Epp;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Tests.Support;
using EppOperator.Testing.Net;

namespace EppOperator.Operator.Tests.Planning;

/// <summary>
/// The picker container's arguments are accepted by the real <c>epp</c> command line: it is run with them (mount paths
/// replaced by temporary ones) plus a kubeconfig that does not exist, so it validates every flag and stops before
/// connecting. The only complaint allowed is the kubeconfig; the default EndpointPickerConfig the operator mounts is
/// loaded too.
/// </summary>
public class EppArgumentsTests
{
    [TestCase(1, true, false)]
    [TestCase(3, true, false)]
    [TestCase(1, false, true)]
    public async Task Arguments_ValidatedByTheEppExecutable_AreAllAccepted(int replicas, bool secureServing, bool conformanceHooks)
    {
        // Arrange
        var epp = RepoPaths.EppExecutable();
        Assert.That(File.Exists(epp), Is.True, $"{epp} is built with the test project");
        var scratch = Directory.CreateTempSubdirectory("epp-args-").FullName;
        File.WriteAllText(Path.Combine(scratch, "config.yaml"), EppOperator.Epp.Config.SchedulerDefaults.ConfigText);
        var pool = InferencePoolView.From(new Kube.Entities.Inference.V1InferencePool
        {
            Metadata = new ObjectMeta { Name = "vllm", Namespace = "models" },
            Spec = new Kube.Entities.Inference.V1InferencePoolSpec { Selector = new() { MatchLabels = new() { ["app"] = "vllm" } }, TargetPorts = [new() { Number = 8000 }] },
        });
        var settings = new OperatorSettings { SecureServing = secureServing };
        var args = EppChildrenBuilder.Arguments(pool, new PoolIntent { Role = PoolRole.ManagedEpp, EppReplicas = replicas, EppConformanceHooks = conformanceHooks }, settings, "config.yaml")
            .Select(a => a.Replace(EppChildrenBuilder.ConfigMountPath, scratch, StringComparison.Ordinal).Replace(EppChildrenBuilder.TlsMountPath, scratch, StringComparison.Ordinal))
            .ToList();

        // Act
        ChildProcessResult result;
        try
        {
            result = await ChildProcess.RunAsync("dotnet", [epp, .. args, "--kubeconfig", Path.Combine(scratch, "no-such-kubeconfig")], TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        // Assert
        Assert.That(result.TimedOut, Is.False);
        Assert.That(result.StandardError, Does.Not.Contain("Unrecognized"), result.Describe());
        var complaints = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("epp: ", StringComparison.Ordinal)).ToList();
        Assert.That(complaints, Has.Some.StartsWith("epp: --kubeconfig:"), "the run stopped at the missing kubeconfig, after validating the flags");
        Assert.That(complaints.Where(l => !l.StartsWith("epp: --kubeconfig:", StringComparison.Ordinal)), Is.Empty, result.Describe());
        Assert.That(args, replicas > 1 ? Does.Contain("--ha-enable-leader-election") : Does.Not.Contain("--ha-enable-leader-election"));
        Assert.That(args, conformanceHooks ? Does.Contain("--conformance-hooks") : Does.Not.Contain("--conformance-hooks"));
    }
}
