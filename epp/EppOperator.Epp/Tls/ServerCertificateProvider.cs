using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tls;

/// <summary>
/// The certificate a TLS listener presents, read per handshake so a rotated certificate takes effect for new
/// connections without a restart. Sources: a cert directory (watched for changes and re-read periodically), a
/// generated self-signed certificate, or a fixed certificate.
/// </summary>
internal sealed class ServerCertificateProvider : IDisposable
{
    public const string CertificateFileName = "tls.crt";
    public const string PrivateKeyFileName = "tls.key";

    /// <summary>Secret volume updates arrive as a burst of renames; wait for the burst to settle before reading.</summary>
    private static readonly TimeSpan ReloadDebounce = TimeSpan.FromMilliseconds(200);

    private readonly string? _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _reloadGate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private ITimer? _pollTimer;
    private X509Certificate2 _current;
    private byte[]? _loadedFilesHash;

    private ServerCertificateProvider(X509Certificate2 certificate, string? directory, byte[]? filesHash, ILogger logger, TimeProvider timeProvider)
    {
        _current = certificate;
        _directory = directory;
        _loadedFilesHash = filesHash;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>The certificate to present now.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Raised after a changed certificate was loaded from the directory.</summary>
    public event EventHandler? CertificateChanged;

    /// <summary>
    /// The provider for a listener's <see cref="SecureServingOptions"/>: null when secure serving is off, the cert
    /// directory when one is given, else a generated self-signed certificate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cert directory's files are missing or unusable.</exception>
    public static ServerCertificateProvider? Create(SecureServingOptions options, ILogger logger, TimeProvider timeProvider)
    {
        if (!options.SecureServing)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(options.CertPath))
        {
            return FromDirectory(options.CertPath, options.ReloadPollInterval, logger, timeProvider);
        }

        return SelfSigned(SubjectAlternativeNames.ForThisHost(options.ExtraSubjectAlternativeNames), options.SelfSignedValidity, logger, timeProvider);
    }

    /// <summary>Serves <c>tls.crt</c>/<c>tls.key</c> from <paramref name="directory"/> and reloads them when they change.</summary>
    /// <exception cref="InvalidOperationException">The files are missing or unusable.</exception>
    public static ServerCertificateProvider FromDirectory(string directory, TimeSpan pollInterval, ILogger logger, TimeProvider timeProvider)
    {
        var fullPath = Path.GetFullPath(directory);
        var files = CertificateFiles.Read(fullPath);
        var certificate = files.CreateCertificate(fullPath);
        var provider = new ServerCertificateProvider(certificate, fullPath, files.Hash, logger, timeProvider);
        provider.Announce(certificate);
        provider.StartWatching(pollInterval);
        return provider;
    }

    public static ServerCertificateProvider SelfSigned(SubjectAlternativeNames names, TimeSpan validity, ILogger logger, TimeProvider timeProvider)
    {
        var certificate = SelfSignedCertificate.Create(names, timeProvider.GetUtcNow(), validity);
        TlsLog.SelfSignedCertificateGenerated(logger, names, certificate.NotAfter);
        return new ServerCertificateProvider(certificate, null, null, logger, timeProvider);
    }

    public static ServerCertificateProvider Fixed(X509Certificate2 certificate, ILogger logger, TimeProvider timeProvider) =>
        new(certificate, null, null, logger, timeProvider);

    /// <summary>
    /// Re-reads the cert directory and swaps the certificate when the files changed. A broken update (half-written
    /// files, a key that does not match) is logged and the previous certificate stays in service.
    /// </summary>
    /// <returns>True when a different certificate is now served.</returns>
    public bool Reload()
    {
        if (_directory is null)
        {
            return false;
        }

        lock (_reloadGate)
        {
            try
            {
                var files = CertificateFiles.Read(_directory);
                if (_loadedFilesHash is not null && files.Hash.AsSpan().SequenceEqual(_loadedFilesHash))
                {
                    return false;
                }

                var certificate = files.CreateCertificate(_directory);
                _loadedFilesHash = files.Hash;
                Volatile.Write(ref _current, certificate);
                Announce(certificate);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or CryptographicException or UnauthorizedAccessException)
            {
                TlsLog.CertificateReloadFailed(_logger, _directory, ex);
                return false;
            }
        }

        CertificateChanged?.Invoke(this, EventArgs.Empty);
        return true;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounceTimer?.Dispose();
        _pollTimer?.Dispose();
    }

    private void StartWatching(TimeSpan pollInterval)
    {
        _debounceTimer = _timeProvider.CreateTimer(static s => ((ServerCertificateProvider)s!).Reload(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (pollInterval > TimeSpan.Zero)
        {
            _pollTimer = _timeProvider.CreateTimer(static s => ((ServerCertificateProvider)s!).Reload(), this, pollInterval, pollInterval);
        }

        // Kubernetes swaps a Secret volume by renaming a "..data" symlink, so watch every entry of the directory
        // rather than the two file names.
        _watcher = new FileSystemWatcher(_directory!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.CreationTime | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += OnDirectoryChanged;
        _watcher.Created += OnDirectoryChanged;
        _watcher.Deleted += OnDirectoryChanged;
        _watcher.Renamed += OnDirectoryChanged;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnDirectoryChanged(object sender, FileSystemEventArgs e) =>
        _debounceTimer?.Change(ReloadDebounce, Timeout.InfiniteTimeSpan);

    private void Announce(X509Certificate2 certificate)
    {
        TlsLog.CertificateLoaded(_logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter, _directory ?? "");
        var now = _timeProvider.GetLocalNow().DateTime;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            TlsLog.CertificateNotValidNow(_logger, certificate.Subject, certificate.NotBefore, certificate.NotAfter);
        }
    }
}
