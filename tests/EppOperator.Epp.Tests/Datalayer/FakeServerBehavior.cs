namespace EppOperator.Epp.Tests.Datalayer;

public enum FakeServerBehavior
{
    Healthy,
    Hang,
    Error500,
    Unrelated,
    Huge,
}
