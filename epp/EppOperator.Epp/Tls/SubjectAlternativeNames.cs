using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Epp.Tls;

/// <summary>The DNS names and IP addresses a server certificate is valid for.</summary>
internal sealed record SubjectAlternativeNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> IpAddresses)
{
    /// <summary>
    /// Names a client may use to reach this process: localhost and the loopback addresses, the pod IP and hostname
    /// when Kubernetes provides them (<c>POD_IP</c>, <c>HOSTNAME</c>), and <paramref name="extraNames"/>.
    /// </summary>
    public static SubjectAlternativeNames ForThisHost(IEnumerable<string> extraNames, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var names = new List<string> { "localhost", "127.0.0.1", "::1" };
        if (environment("POD_IP") is { Length: > 0 } podIp)
        {
            names.Add(podIp);
        }

        if (environment("HOSTNAME") is { Length: > 0 } hostname)
        {
            names.Add(hostname);
        }

        names.AddRange(extraNames);
        return Parse(names);
    }

    /// <summary>Sorts names into IP addresses and DNS names; blanks, duplicates and invalid DNS names are dropped.</summary>
    public static SubjectAlternativeNames Parse(IEnumerable<string> names)
    {
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (IPAddress.TryParse(name, out var ip))
            {
                if (!ips.Contains(ip))
                {
                    ips.Add(ip);
                }
            }
            else if (IsDnsName(name) && !dns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                dns.Add(name.ToLowerInvariant());
            }
        }

        return new SubjectAlternativeNames(dns, ips);
    }

    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
        {
            builder.AddDnsName(name);
        }

        foreach (var ip in IpAddresses)
        {
            builder.AddIpAddress(ip);
        }

        return builder.Build(critical: false);
    }

    public bool Equals(SubjectAlternativeNames? other) =>
        other is not null && DnsNames.SequenceEqual(other.DnsNames) && IpAddresses.SequenceEqual(other.IpAddresses);

    public override string ToString() => string.Join(", ", DnsNames.Concat(IpAddresses.Select(ip => ip.ToString())));

    public override int GetHashCode() => HashCode.Combine(DnsNames.Count, IpAddresses.Count);

    private static bool IsDnsName(string name) =>
        name.Length <= 253 && Uri.CheckHostName(name) == UriHostNameType.Dns;
}
