namespace EppOperator.Kube.Client;

/// <summary>What happens to an object's dependents (by owner reference) when it is deleted.</summary>
internal enum PropagationPolicy
{
    /// <summary>Delete the owner now; the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>The owner stays (with a <c>foregroundDeletion</c> finalizer) until blocking dependents are gone.</summary>
    Foreground,

    /// <summary>Remove the owner reference from dependents and keep them.</summary>
    Orphan,
}
