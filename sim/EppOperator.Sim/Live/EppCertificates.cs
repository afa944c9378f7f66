using EppOperator.Epp.Tls;

namespace EppOperator.Sim.Live;

/// <summary>
/// TLS material for a live run's EPP: a private CA, a server certificate it issued for localhost and 127.0.0.1
/// (<c>tls.crt</c>/<c>tls.key</c> for <c>epp --cert-path</c>) and the CA certificate for <c>eppsim gateway
/// --epp-ca-file</c>, so the gateway verifies the EPP the way a production proxy verifies an operator-issued one.
/// </summary>
internal sealed record EppCertificates(string CertDirectory, string CaFile)
{
    public static EppCertificates Create(string directory, TimeProvider time)
    {
        var now = time.GetUtcNow();
        using var ca = CertificateAuthority.Create("eppsim live bench CA", now, TimeSpan.FromDays(1));
        using var server = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["localhost", "127.0.0.1"]), now, TimeSpan.FromDays(1), "epp");
        var certDirectory = Path.Combine(directory, "epp-tls");
        CertificatePem.Export(server).WriteTo(certDirectory);
        var caFile = Path.Combine(directory, "ca.crt");
        File.WriteAllText(caFile, ca.Certificate.ExportCertificatePem());
        return new EppCertificates(certDirectory, caFile);
    }
}
