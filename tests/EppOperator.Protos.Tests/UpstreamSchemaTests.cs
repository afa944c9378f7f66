using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf.Reflection;

namespace EppOperator.Protos.Tests;

/// <summary>
/// Compares the hand-written protos with Envoy's own schema, compiled from data-plane-api into
/// ../shared/reference/wire/envoy-ext-proc-v3.descriptor.pb: every message and enum we declare must exist
/// upstream with the same field names, numbers, types, labels and oneofs.
/// </summary>
[TestFixture]
public sealed class UpstreamSchemaTests
{
    private const string DescriptorFile = "envoy-ext-proc-v3.descriptor.pb";

    private static Dictionary<string, DescriptorProto> _upstreamMessages = new();
    private static Dictionary<string, EnumDescriptorProto> _upstreamEnums = new();

    private static readonly FileDescriptor[] OurFiles =
    [
        ExternalProcessorReflection.Descriptor,
        BaseReflection.Descriptor,
        HttpStatusReflection.Descriptor,
        ProcessingModeReflection.Descriptor,
    ];

    [OneTimeSetUp]
    public void LoadUpstream()
    {
        var path = FindSharedDescriptor();
        if (path is null)
        {
            Assert.Ignore($"../shared/reference/wire/{DescriptorFile} is not beside this checkout; upstream schema comparison skipped.");
        }

        var set = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(path));
        _upstreamMessages = new Dictionary<string, DescriptorProto>(StringComparer.Ordinal);
        _upstreamEnums = new Dictionary<string, EnumDescriptorProto>(StringComparer.Ordinal);
        foreach (var file in set.File)
        {
            foreach (var message in file.MessageType) IndexMessage(file.Package, message);
            foreach (var e in file.EnumType) _upstreamEnums[file.Package + "." + e.Name] = e;
        }
    }

    private static IEnumerable<TestCaseData> OurMessages() =>
        OurFiles.SelectMany(f => Flatten(f.MessageTypes))
            .Where(m => m.ToProto().Options?.MapEntry != true)
            .Select(m => new TestCaseData(m.FullName).SetName("Message_" + m.FullName));

    private static IEnumerable<TestCaseData> OurEnums() =>
        OurFiles.SelectMany(f => f.EnumTypes.Concat(Flatten(f.MessageTypes).SelectMany(m => m.EnumTypes)))
            .Select(e => new TestCaseData(e.FullName).SetName("Enum_" + e.FullName));

    [TestCaseSource(nameof(OurMessages))]
    public void Message_ComparedWithUpstream_HasSameFieldsNumbersTypesAndOneofs(string fullName)
    {
        // Arrange
        var ours = OurFiles.SelectMany(f => Flatten(f.MessageTypes)).Single(m => m.FullName == fullName).ToProto();
        Assert.That(_upstreamMessages.TryGetValue(fullName, out var upstream), Is.True, $"{fullName} does not exist upstream");

        // Act: compare every field we declare against the upstream field of the same number.
        var upstreamByNumber = upstream!.Field.ToDictionary(f => f.Number);
        var mismatches = new List<string>();
        foreach (var field in ours.Field)
        {
            if (!upstreamByNumber.TryGetValue(field.Number, out var theirs))
            {
                mismatches.Add($"field {field.Number} '{field.Name}' is not upstream");
                continue;
            }

            if (field.Name != theirs.Name) mismatches.Add($"field {field.Number}: name '{field.Name}' vs upstream '{theirs.Name}'");
            if (field.Type != theirs.Type) mismatches.Add($"field {field.Name}: type {field.Type} vs upstream {theirs.Type}");
            if (field.Label != theirs.Label) mismatches.Add($"field {field.Name}: label {field.Label} vs upstream {theirs.Label}");
            if (field.TypeName != theirs.TypeName) mismatches.Add($"field {field.Name}: type name {field.TypeName} vs upstream {theirs.TypeName}");
            var ourOneof = field.HasOneofIndex ? ours.OneofDecl[field.OneofIndex].Name : null;
            var theirOneof = theirs.HasOneofIndex ? upstream.OneofDecl[theirs.OneofIndex].Name : null;
            if (ourOneof != theirOneof) mismatches.Add($"field {field.Name}: oneof '{ourOneof}' vs upstream '{theirOneof}'");
        }

        // Assert
        Assert.That(mismatches, Is.Empty);
    }

    [TestCaseSource(nameof(OurEnums))]
    public void Enum_ComparedWithUpstream_HasSameValues(string fullName)
    {
        // Arrange
        var ours = OurFiles.SelectMany(f => f.EnumTypes.Concat(Flatten(f.MessageTypes).SelectMany(m => m.EnumTypes)))
            .Single(e => e.FullName == fullName).ToProto();
        Assert.That(_upstreamEnums.TryGetValue(fullName, out var upstream), Is.True, $"{fullName} does not exist upstream");

        // Act
        var oursValues = ours.Value.Select(v => (v.Name, v.Number)).ToList();
        var theirValues = upstream!.Value.Select(v => (v.Name, v.Number)).ToList();

        // Assert
        Assert.That(oursValues, Is.EqualTo(theirValues));
    }

    [Test]
    public void ExternalProcessorService_ComparedWithUpstream_IsBidirectionalProcess()
    {
        // Arrange
        var service = ExternalProcessorReflection.Descriptor.Services.Single();
        var method = service.Methods.Single();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(service.FullName, Is.EqualTo("envoy.service.ext_proc.v3.ExternalProcessor"));
            Assert.That(method.Name, Is.EqualTo("Process"));
            Assert.That(method.IsClientStreaming && method.IsServerStreaming, Is.True);
            Assert.That(method.InputType.FullName, Is.EqualTo("envoy.service.ext_proc.v3.ProcessingRequest"));
            Assert.That(method.OutputType.FullName, Is.EqualTo("envoy.service.ext_proc.v3.ProcessingResponse"));
        });
    }

    private static void IndexMessage(string scope, DescriptorProto message)
    {
        var name = scope + "." + message.Name;
        _upstreamMessages[name] = message;
        foreach (var nested in message.NestedType) IndexMessage(name, nested);
        foreach (var e in message.EnumType) _upstreamEnums[name + "." + e.Name] = e;
    }

    private static IEnumerable<MessageDescriptor> Flatten(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => new[] { m }.Concat(Flatten(m.NestedTypes)));

    private static string? FindSharedDescriptor()
    {
        // Walk up from the test binaries to the checkout root, whose sibling is ../shared.
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "wire", DescriptorFile);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
