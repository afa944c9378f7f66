using EppOperator.Interop.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>
/// Writes the schemas the python client needs (echo and grpc.health.v1) as a FileDescriptorSet; Debian's grpcio has
/// no protoc plugin, so the script builds its message classes from this file.
/// </summary>
internal static class InteropDescriptors
{
    public static string Write(string directory)
    {
        var set = new FileDescriptorSet();
        set.File.Add(HealthReflection.Descriptor.ToProto());
        set.File.Add(EchoReflection.Descriptor.ToProto());
        var path = Path.Combine(directory, "interop.descriptor.pb");
        File.WriteAllBytes(path, set.ToByteArray());
        return path;
    }
}
