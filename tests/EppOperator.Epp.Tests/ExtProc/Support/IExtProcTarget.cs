namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>Opens ext_proc streams against the EPP under test.</summary>
internal interface IExtProcTarget : IAsyncDisposable
{
    Task<IExtProcExchange> OpenAsync();
}
