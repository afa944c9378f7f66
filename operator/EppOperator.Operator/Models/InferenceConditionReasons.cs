namespace EppOperator.Operator.Models;

/// <summary>Condition types and reasons the operator writes on InferenceModel, InferenceObjective and InferenceModelRewrite.</summary>
internal static class InferenceConditionReasons
{
    /// <summary>InferenceModel and InferenceObjective (the CRD default status uses this type).</summary>
    public const string Ready = "Ready";

    /// <summary>InferenceModelRewrite.</summary>
    public const string Accepted = "Accepted";

    public const string ReasonAccepted = "Accepted";

    /// <summary>Another InferenceModel for the same pool, created earlier, already uses the model name.</summary>
    public const string ReasonModelNameInUse = "ModelNameInUse";

    /// <summary>Some targets are weighted and some are not (a CEL rule upstream; checked here too).</summary>
    public const string ReasonInvalidTargetModels = "InvalidTargetModels";

    /// <summary>A rewrite rule mixes weighted and unweighted targets (upstream has no CEL rule for it).</summary>
    public const string ReasonInvalidWeights = "InvalidWeights";

    /// <summary>The pool reference is not a v1 InferencePool in the same namespace.</summary>
    public const string ReasonInvalidPoolRef = "InvalidPoolRef";
}
