using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Finalizers;

namespace EppOperator.Kube.Tests.Controllers;

internal sealed class ProbeFinalizer(ControllerProbe probe) : IEntityFinalizer<Deployment>
{
    public const string Identifier = "test.example.com/cleanup";

    public Task FinalizeAsync(Deployment entity, CancellationToken cancellationToken)
    {
        probe.Record($"finalize:{entity.Metadata.Name}");
        return probe.OnFinalize?.Invoke(entity, cancellationToken) ?? Task.CompletedTask;
    }
}
