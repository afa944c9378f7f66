namespace EppOperator.Operator.Planning;

/// <summary>A condition the operator wants to report (type is implied by where it is used).</summary>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">CamelCase reason.</param>
/// <param name="Message">Human-readable detail.</param>
internal sealed record ConditionPlan(string Status, string Reason, string Message)
{
    public bool IsTrue => Status == "True";

    public static ConditionPlan True(string reason, string message) => new("True", reason, message);

    public static ConditionPlan False(string reason, string message) => new("False", reason, message);
}
