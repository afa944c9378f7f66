// The `epp` executable. The request path issue replaces this with the GAIE-compatible command line.
Console.Error.WriteLine("epp: the Endpoint Picker host is not built yet (see the request-path issue).");
return 2;
