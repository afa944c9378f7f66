using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Grpc.Tests.Protocol;

[TestFixture]
public sealed class GrpcContentTypeTests
{
    [TestCase("application/grpc", true)]
    [TestCase("application/grpc+proto", true)]
    [TestCase("application/grpc;charset=utf-8", true)]
    [TestCase("APPLICATION/GRPC", true)]
    [TestCase("application/grpc-web", false)]
    [TestCase("application/grpcx", false)]
    [TestCase("application/json", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void IsGrpc_ContentType_MatchesGrpcFamilyOnly(string? contentType, bool expected)
    {
        // Act
        var isGrpc = GrpcContentType.IsGrpc(contentType);

        // Assert
        Assert.That(isGrpc, Is.EqualTo(expected));
    }
}
