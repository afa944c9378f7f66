namespace EppOperator.Epp.Datalayer;

/// <summary>Why a scrape of a model server's metrics did not refresh the endpoint.</summary>
internal enum ScrapeFailure
{
    None,

    /// <summary>No complete answer within the per-endpoint timeout (a hung or overloaded server).</summary>
    Timeout,

    /// <summary>Connection refused, reset or closed mid-response.</summary>
    Connection,

    /// <summary>The server answered with a non-2xx status.</summary>
    HttpStatus,

    /// <summary>The page exceeded the response size limit.</summary>
    TooLarge,

    /// <summary>The page held none of the engine's mapped metrics (wrong engine type or port).</summary>
    MissingMetrics,

    /// <summary>Anything else; a bug, logged with its exception.</summary>
    Internal,
}
