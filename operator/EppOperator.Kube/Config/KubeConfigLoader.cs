using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Config;

/// <summary>
/// Reads a kubeconfig file: the current (or named) context, its cluster (server, CA data or file,
/// insecure-skip-tls-verify, tls-server-name) and user (token, tokenFile, client certificate and key as
/// data or files, basic auth). Exec and auth-provider plugins are refused with a clear error rather than
/// half-supported. Relative file paths resolve against the kubeconfig's directory, as kubectl does.
/// </summary>
internal static class KubeConfigLoader
{
    /// <summary>The file kubectl would use: the first existing entry of <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    public static string? FindDefaultPath(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var fromEnv = getEnvironment("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            foreach (var candidate in fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(candidate)) return candidate;
            }
        }

        var home = getEnvironment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = Path.Combine(home, ".kube", "config");
        return File.Exists(path) ? path : null;
    }

    /// <exception cref="KubeConfigException">Missing or malformed file, unknown context, unsupported auth.</exception>
    public static KubeClientConfig LoadFile(string path, string? contextName = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig {path}: cannot read file: {ex.Message}", ex);
        }

        return Load(text, path, contextName);
    }

    /// <param name="yaml">The kubeconfig text.</param>
    /// <param name="path">Its path, for messages and to resolve relative file references.</param>
    /// <param name="contextName">Context to use instead of <c>current-context</c>.</param>
    public static KubeClientConfig Load(string yaml, string path, string? contextName = null)
    {
        JsonObject root;
        try
        {
            root = YamlJson.Parse(yaml) as JsonObject ?? throw new KubeConfigException($"kubeconfig {path}: the file is empty or not a mapping");
        }
        catch (FormatException ex)
        {
            throw new KubeConfigException($"kubeconfig {path}: {ex.Message}", ex);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        contextName ??= Text(root, "current-context");
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException($"kubeconfig {path}: no current-context is set and no context was given");
        }

        var context = FindNamed(root, "contexts", "context", contextName, path);
        var clusterName = Text(context, "cluster") ?? throw new KubeConfigException($"kubeconfig {path}: context '{contextName}' names no cluster");
        var cluster = FindNamed(root, "clusters", "cluster", clusterName, path);
        var userName = Text(context, "user");
        var user = string.IsNullOrEmpty(userName) ? new JsonObject() : FindNamed(root, "users", "user", userName, path);

        var serverText = Text(cluster, "server");
        if (string.IsNullOrEmpty(serverText) || !Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw new KubeConfigException($"kubeconfig {path}: cluster '{clusterName}' has no valid server URL (got '{serverText}')");
        }

        if (user["exec"] is not null)
        {
            var command = Text(user["exec"] as JsonObject ?? [], "command") ?? "?";
            throw new KubeConfigException($"kubeconfig {path}: user '{userName}' uses an exec credential plugin ('{command}'), which this client does not support; use a token, token file or client certificate");
        }

        if (user["auth-provider"] is not null)
        {
            throw new KubeConfigException($"kubeconfig {path}: user '{userName}' uses an auth-provider plugin, which this client does not support; use a token, token file or client certificate");
        }

        var where = $"kubeconfig {path}";
        return new KubeClientConfig
        {
            Server = server,
            Namespace = Text(context, "namespace") is { Length: > 0 } ns ? ns : "default",
            CertificateAuthority = LoadCertificateAuthority(cluster, baseDirectory, $"{where}: cluster '{clusterName}'"),
            InsecureSkipTlsVerify = cluster["insecure-skip-tls-verify"] is JsonValue skip && skip.TryGetValue<bool>(out var skipValue) && skipValue,
            TlsServerName = Text(cluster, "tls-server-name"),
            ClientCertificate = LoadClientCertificate(user, baseDirectory, $"{where}: user '{userName}'"),
            BearerToken = Text(user, "token"),
            BearerTokenFile = Text(user, "tokenFile") is { Length: > 0 } tokenFile ? Resolve(baseDirectory, tokenFile) : null,
            Username = Text(user, "username"),
            Password = Text(user, "password"),
            Source = $"{where}, context '{contextName}'",
        };
    }

    private static JsonObject FindNamed(JsonObject root, string listName, string innerName, string name, string path)
    {
        if (root[listName] is JsonArray list)
        {
            foreach (var entry in list)
            {
                if (entry is JsonObject item && Text(item, "name") == name)
                {
                    return item[innerName] as JsonObject ?? throw new KubeConfigException($"kubeconfig {path}: {listName} entry '{name}' has no '{innerName}' mapping");
                }
            }
        }

        throw new KubeConfigException($"kubeconfig {path}: {innerName} '{name}' not found in {listName}");
    }

    private static X509Certificate2Collection? LoadCertificateAuthority(JsonObject cluster, string baseDirectory, string where)
    {
        var pem = ReadDataOrFile(cluster, "certificate-authority-data", "certificate-authority", baseDirectory, where);
        if (pem is null) return null;
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException($"{where}: certificate authority is not valid PEM: {ex.Message}", ex);
        }

        if (collection.Count == 0) throw new KubeConfigException($"{where}: certificate authority contains no certificate");
        return collection;
    }

    private static X509Certificate2? LoadClientCertificate(JsonObject user, string baseDirectory, string where)
    {
        var certificate = ReadDataOrFile(user, "client-certificate-data", "client-certificate", baseDirectory, where);
        var key = ReadDataOrFile(user, "client-key-data", "client-key", baseDirectory, where);
        if (certificate is null && key is null) return null;
        if (certificate is null || key is null)
        {
            throw new KubeConfigException($"{where}: a client certificate needs both the certificate and the key");
        }

        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificate, key);
            // TLS stacks want a key they can use from another handle; a PKCS#12 round trip gives them one.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException($"{where}: client certificate or key is not valid PEM: {ex.Message}", ex);
        }
    }

    private static string? ReadDataOrFile(JsonObject section, string dataKey, string fileKey, string baseDirectory, string where)
    {
        if (Text(section, dataKey) is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException ex)
            {
                throw new KubeConfigException($"{where}: {dataKey} is not valid base64", ex);
            }
        }

        if (Text(section, fileKey) is { Length: > 0 } file)
        {
            var full = Resolve(baseDirectory, file);
            try
            {
                return File.ReadAllText(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubeConfigException($"{where}: cannot read {fileKey} {full}: {ex.Message}", ex);
            }
        }

        return null;
    }

    private static string Resolve(string baseDirectory, string file) => Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : obj[key]?.ToString();
}
