// The `epp-operator` executable. The operator issue replaces this with the reconcile loop and preview commands.
Console.Error.WriteLine("epp-operator: the operator is not built yet (see the operator issue).");
return 2;
