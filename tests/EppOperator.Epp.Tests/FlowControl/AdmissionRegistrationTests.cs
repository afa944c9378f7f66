using EppOperator.Epp.Config;
using EppOperator.Epp.FlowControl;
using Microsoft.Extensions.DependencyInjection;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>How the host wires admission next to the scheduler.</summary>
[TestFixture]
public sealed class AdmissionRegistrationTests
{
    private const string WithFlowControl = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        featureGates: [flowControl]
        plugins:
        - type: queue-scorer
        """;

    private const string WithoutFlowControl = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: queue-scorer
        """;

    [Test]
    public async Task AddEppAdmission_FileChangedAfterTheSchedulerLoadedIt_AdmissionUsesTheSchedulersVersion()
    {
        // Arrange: the scheduler loads the file, then someone edits it before admission is first resolved.
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, WithFlowControl);
            var services = new ServiceCollection().AddEppScheduling(SchedulerConfigSource.FromFile(path)).AddEppAdmission("pool", TimeSpan.FromMilliseconds(50));
            await using var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<SchedulerConfigLoader>();
            await File.WriteAllTextAsync(path, WithoutFlowControl);

            // Act
            var admission = provider.GetRequiredService<AdmissionController>();

            // Assert
            Assert.That(admission.FlowControl, Is.Not.Null, "admission starts from the version the scheduler started from");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
