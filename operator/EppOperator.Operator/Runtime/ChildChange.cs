namespace EppOperator.Operator.Runtime;

/// <summary>What applying or pruning one child did.</summary>
internal enum ChildChangeKind
{
    Unchanged,
    Created,
    Updated,
    Deleted,

    /// <summary>An object with the child's name exists and is not this pool's: left alone.</summary>
    Conflict,
}

/// <summary>One child's outcome, with a description for Events and conditions.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="ObjectKind">The child's kind, e.g. <c>Deployment</c>.</param>
/// <param name="Description"><c>Kind namespace/name</c> of the child.</param>
/// <param name="Detail">Why, for conflicts.</param>
internal sealed record ChildChange(ChildChangeKind Kind, string ObjectKind, string Description, string? Detail = null);
