using System.Text;
using EppOperator.Epp.Tls;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Core;
using EppOperator.Operator.Configuration;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// The operator's CA: a <c>kubernetes.io/tls</c> Secret <c>epp-operator-ca</c> in the operator's namespace, created on
/// first use (ECDSA P-256, ten years) and shared by every replica. Only the leader creates it; a replica that loses
/// the creation race reads the winner's. The private key never leaves this Secret; pickers and data planes get
/// only the certificate.
/// </summary>
internal sealed class OperatorCertificateAuthority(KubernetesClient client, OperatorSettings settings, TimeProvider time, ILogger<OperatorCertificateAuthority> logger) : IDisposable
{
    public const string SecretName = "epp-operator-ca";
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CertificateAuthority? _authority;
    private string? _pem;

    /// <summary>The CA and its certificate PEM, loaded or created once.</summary>
    public async Task<(CertificateAuthority Authority, string CertificatePem)> GetAsync(CancellationToken cancellationToken)
    {
        if (_authority is not null) return (_authority, _pem!);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_authority is null)
            {
                var secret = await client.GetAsync<Secret>(SecretName, settings.Namespace, cancellationToken).ConfigureAwait(false)
                    ?? await CreateAsync(cancellationToken).ConfigureAwait(false);
                var certificate = Decode(secret, "tls.crt");
                _authority = CertificateAuthority.FromPem(certificate, Decode(secret, "tls.key"));
                _pem = certificate;
            }

            return (_authority, _pem!);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _authority?.Dispose();
        _gate.Dispose();
    }

    private async Task<Secret> CreateAsync(CancellationToken cancellationToken)
    {
        using var authority = CertificateAuthority.Create("epp-operator CA", time.GetUtcNow(), Validity);
        var pem = CertificatePem.Export(authority.Certificate);
        var secret = new Secret
        {
            Metadata = new ObjectMeta
            {
                Name = SecretName,
                Namespace = settings.Namespace,
                Labels = new Dictionary<string, string> { [OperatorConstants.NameLabel] = "epp-operator", [OperatorConstants.ComponentLabel] = "ca" },
            },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, string>
            {
                ["tls.crt"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem.Certificate)),
                ["tls.key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem.PrivateKey)),
            },
        };
        try
        {
            var created = await client.CreateAsync(secret, cancellationToken).ConfigureAwait(false);
            OperatorLog.CertificateAuthorityCreated(logger, settings.Namespace, SecretName);
            return created;
        }
        catch (KubernetesException ex) when (ex.IsAlreadyExists)
        {
            return await client.GetAsync<Secret>(SecretName, settings.Namespace, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"CA Secret {settings.Namespace}/{SecretName} vanished right after a create conflict");
        }
    }

    private static string Decode(Secret secret, string key) =>
        secret.Data?.GetValueOrDefault(key) is { } value
            ? Encoding.UTF8.GetString(Convert.FromBase64String(value))
            : throw new InvalidOperationException($"CA Secret {secret.Metadata.Namespace}/{secret.Metadata.Name} has no {key}");
}
