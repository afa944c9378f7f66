namespace EppOperator.Epp.Grpc;

/// <summary>The final status of a call: a code and a human-readable detail for <c>grpc-message</c>.</summary>
internal readonly record struct Status(StatusCode StatusCode, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
