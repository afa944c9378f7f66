namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>Recognises gRPC content types: <c>application/grpc</c>, alone or followed by <c>+format</c> or <c>;params</c>.</summary>
internal static class GrpcContentType
{
    public static bool IsGrpc(string? contentType)
    {
        const string Grpc = GrpcProtocolConstants.GrpcContentType;
        if (contentType is null || !contentType.StartsWith(Grpc, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == Grpc.Length || contentType[Grpc.Length] is '+' or ';';
    }
}
