namespace EppOperator.Epp.ExtProc;

/// <summary>Where the response half of an ext_proc exchange stands.</summary>
internal enum ResponsePhase
{
    AwaitingHeaders,
    ReadingBody,
    Done,
}
