using System.Net;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using EppOperator.Testing.Logging;

namespace EppOperator.Scheduling.Tests.Config;

public sealed class SchedulerConfigLoaderTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("epp-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Reload_ChangedWeights_SwapsScheduler()
    {
        var path = Write(Weights(3, 2, 2));
        var loader = Load(SchedulerConfigSource.FromFile(path), new LogCapture().CreateLogger("test"));
        var first = loader.Scheduler.Current;
        File.WriteAllText(path, Weights(3, 5, 2));

        var applied = loader.Reload();

        Assert.That(applied, Is.True);
        Assert.That(loader.Scheduler.Current, Is.Not.SameAs(first));
        Assert.That(loader.Scheduler.Current.Profiles[0].Scorers.Select(s => s.Weight), Is.EqualTo(new[] { 3.0, 5.0, 2.0 }));
    }

    [Test]
    public void Reload_UnchangedText_KeepsScheduler()
    {
        var path = Write(Weights(3, 2, 2));
        var loader = Load(SchedulerConfigSource.FromFile(path), new LogCapture().CreateLogger("test"));
        var first = loader.Scheduler.Current;

        var applied = loader.Reload();

        Assert.That(applied, Is.False);
        Assert.That(loader.Scheduler.Current, Is.SameAs(first));
    }

    [Test]
    public void Reload_BrokenConfig_RejectedOnceWithLogAndOldKeepsRunning()
    {
        var path = Write(Weights(3, 2, 2));
        var logs = new LogCapture();
        var logger = logs.CreateLogger("test");
        var loader = Load(SchedulerConfigSource.FromFile(path), logger);
        var first = loader.Scheduler.Current;
        File.WriteAllText(path, Weights(3, 2, 2) + "surprise: true\n");

        var applied = loader.Reload();
        loader.Reload();

        Assert.That(applied, Is.False);
        Assert.That(loader.Scheduler.Current, Is.SameAs(first));
        var rejected = logs.Entries.Where(e => e.EventId.Id == 3023).ToList();
        Assert.That(rejected, Has.Count.EqualTo(1));
        Assert.That(rejected[0].Message, Does.Contain("unknown top-level key 'surprise' (line 16, column 1)"));
    }

    [Test]
    public void Reload_FileDeleted_LogsAndKeepsRunning()
    {
        var path = Write(Weights(3, 2, 2));
        var logs = new LogCapture();
        var logger = logs.CreateLogger("test");
        var loader = Load(SchedulerConfigSource.FromFile(path), logger);
        File.Delete(path);

        var applied = loader.Reload();

        Assert.That(applied, Is.False);
        Assert.That(logs.Entries.Select(e => e.EventId.Id), Does.Contain(3024));
    }

    [Test]
    public void Load_InvalidText_ReturnsDiagnosticsInsteadOfLoader()
    {
        var loader = SchedulerConfigLoader.Load(SchedulerConfigSource.FromText("apiVersion: x\n"), NewBuilder(), new LogCapture().CreateLogger("test"), out var result);

        Assert.That(loader, Is.Null);
        Assert.That(result.Diagnostics.Describe(), Does.Contain("unsupported apiVersion 'x'"));
    }

    [Test]
    public void Load_WarningsInConfig_Logged()
    {
        var logs = new LogCapture();
        var logger = logs.CreateLogger("test");

        Load(SchedulerConfigSource.FromText("apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\nplugins:\n- type: queue-scorer\n  parameters: {x: 1}\n"), logger);

        Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.One.Contains("unknown parameter 'x'"));
    }

    [TestCase("a.yaml", "b", "--config-file and --config-text cannot be used together")]
    public void FromFlags_BothGiven_Error(string file, string text, string expected)
    {
        var source = SchedulerConfigSource.FromFlags(file, text, out var error);

        Assert.That(source, Is.Null);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void FromFlags_NeitherGiven_ReferenceDefaults()
    {
        var source = SchedulerConfigSource.FromFlags(null, " ", out var error);

        Assert.That(error, Is.Null);
        Assert.That(source!.TryRead(out var text, out _), Is.True);
        Assert.That(text, Is.EqualTo(SchedulerDefaults.ConfigText));
    }

    [Test]
    public void ValidateSchedulerConfig_UnknownPluginType_ErrorWithLine()
    {
        var result = SchedulingServiceCollectionExtensions.ValidateSchedulerConfig(SchedulerConfigSource.FromText(
            "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\nplugins:\n- type: magic-scorer\n"));

        Assert.That(result.Diagnostics.Describe(), Is.EqualTo("unknown plugin type 'magic-scorer' (line 4, column 3)"));
    }

    [Test]
    public async Task AddEppScheduling_HostRunning_ReloadsFileAndPurgesDepartedEndpoints()
    {
        var path = Write(Weights(3, 2, 2));
        var datastore = new EndpointDatastore();
        datastore.ReplaceAll([Spec(0), Spec(1)]);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(datastore);
        builder.Services.AddEppScheduling(SchedulerConfigSource.FromFile(path), reloadInterval: TimeSpan.FromMilliseconds(20));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var scheduler = host.Services.GetRequiredService<IScheduler>();
            var hooks = host.Services.GetServices<IRequestLifecycleHook>().ToList();
            var request = TestRequests.Completion(new string('h', 640));
            var endpoints = datastore.Current.Endpoints.AsSpan();
            var result = scheduler.Schedule(request, endpoints);
            foreach (var hook in hooks) hook.OnPicked(request, result);
            var reloadable = host.Services.GetRequiredService<ReloadableScheduler>();
            var index = ((ApproxPrefixCacheProducer)reloadable.Current.Producers[0]).Index;

            File.WriteAllText(path, Weights(3, 5, 2));
            await Eventually(() => reloadable.Current.Profiles[0].Scorers[1].Weight == 5);
            datastore.Remove(result.Primary!.Name);

            Assert.That(hooks, Has.Member(reloadable));
            Assert.That(scheduler, Is.SameAs(reloadable));
            Assert.That(((ApproxPrefixCacheProducer)reloadable.Current.Producers[0]).Index, Is.SameAs(index), "prefix index kept across the reload");
            Assert.That(index.EndpointCount, Is.Zero);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not met within 20 s");
            await Task.Delay(20);
        }
    }

    private static EndpointSpec Spec(int i) => new($"pod-{i}", IPAddress.Parse($"10.0.0.{i + 1}"), 8000);

    private static SchedulerBuilder NewBuilder() => new(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1));

    private static SchedulerConfigLoader Load(SchedulerConfigSource source, ILogger logger)
    {
        var loader = SchedulerConfigLoader.Load(source, NewBuilder(), logger, out var result);
        Assert.That(result.Diagnostics.Errors, Is.Empty);
        return loader!;
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "epp-config.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Weights(int prefix, int queue, int kv) => $"""
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: prefix-cache-scorer
        - type: queue-scorer
        - type: kv-cache-utilization-scorer
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: prefix-cache-scorer
            weight: {prefix}
          - pluginRef: queue-scorer
            weight: {queue}
          - pluginRef: kv-cache-utilization-scorer
            weight: {kv}

        """;
}
