using System.CommandLine;
using System.Text;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Crds;
using EppOperator.Operator.Install;
using EppOperator.Operator.Rendering;
using EppOperator.Operator.Serialization;
using EppOperator.Operator.Yaml;

namespace EppOperator.Operator.Cli;

/// <summary>
/// The <c>epp-operator</c> command line: <c>run</c> (the operator), <c>crds</c> (generated CRD YAML),
/// <c>render -f FILE</c> (what the operator would create, like <c>helm template</c>) and <c>manifests</c> (the
/// installation as plain YAML, consistent with the Helm chart). Bad flags are reported by name with exit code 2.
/// </summary>
internal static class OperatorCommandLine
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in parse.Errors) await error.WriteLineAsync($"epp-operator: {message.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'epp-operator --help' for the commands and flags.").ConfigureAwait(false);
            return UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("epp-operator: runs an Endpoint Picker and its gateway wiring for every InferencePool");
        root.Subcommands.Add(RunCommand.Build(error));
        root.Subcommands.Add(Crds(output, error));
        root.Subcommands.Add(Render(output, error));
        root.Subcommands.Add(Manifests(output, error));
        return root;
    }

    private static Command Crds(TextWriter output, TextWriter error)
    {
        var directory = new Option<string?>("--output-dir", "-o") { Description = "Write one file per CRD into this directory instead of printing them" };
        var command = new Command("crds", "Print the inference CRDs generated from the operator's entity types") { directory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var all = CrdGenerator.AllYaml();
            if (parse.GetValue(directory) is { } dir)
            {
                Directory.CreateDirectory(dir);
                foreach (var (file, yaml) in all) await File.WriteAllTextAsync(Path.Combine(dir, file), yaml, cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"epp-operator: wrote {all.Count} CRDs to {dir}").ConfigureAwait(false);
                return 0;
            }

            var text = new StringBuilder();
            foreach (var (_, yaml) in all.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (text.Length > 0) text.Append("---\n");
                text.Append(yaml);
            }

            await output.WriteAsync(text.ToString()).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Render(TextWriter output, TextWriter error)
    {
        var file = new Option<string[]>("--filename", "-f") { Description = "YAML with InferencePools (and the HTTPRoutes, Services, ConfigMaps and models around them); repeatable; - reads standard input", Required = true };
        var ns = new Option<string>("--namespace", "-n") { Description = "Namespace of objects that name none", DefaultValueFactory = _ => "default" };
        var settingsOptions = new SettingsOptions();
        var command = new Command("render", "Print every object the operator would create or update for the pools in a file, without a cluster") { file, ns };
        settingsOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = settingsOptions.Bind(parse, errors);
            var paths = parse.GetValue(file) ?? [];
            var yaml = new StringBuilder();
            foreach (var path in paths)
            {
                if (path == "-") yaml.Append(await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
                else if (!File.Exists(path)) errors.Add($"--filename: file '{path}' does not exist");
                else yaml.Append(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
                yaml.Append("\n---\n");
            }

            if (settings is null || errors.Count > 0) return await UsageAsync(error, errors).ConfigureAwait(false);

            RenderInput input;
            try
            {
                input = RenderInput.Parse(yaml.ToString(), parse.GetValue(ns)!);
            }
            catch (FormatException ex)
            {
                return await UsageAsync(error, [$"--filename: {ex.Message}"]).ConfigureAwait(false);
            }

            if (input.Pools.Count == 0) await error.WriteLineAsync($"epp-operator: {string.Join(", ", paths)} contains no InferencePool").ConfigureAwait(false);
            await output.WriteAsync(ManifestRenderer.Render(input, settings)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Manifests(TextWriter output, TextWriter error)
    {
        var defaults = new InstallOptions();
        var ns = new Option<string>("--namespace", "-n") { Description = "Namespace the operator runs in", DefaultValueFactory = _ => defaults.Namespace };
        var image = new Option<string>("--image") { Description = "Image of the operator", DefaultValueFactory = _ => defaults.Image };
        var replicas = new Option<int>("--replicas") { Description = "Operator replicas (one leads at a time)", DefaultValueFactory = _ => defaults.Replicas };
        var leaderElection = new Option<bool>("--leader-election") { Description = "Elect a leader among operator replicas", DefaultValueFactory = _ => true };
        var envoyGateway = new Option<bool>("--enable-envoy-gateway") { Description = "Allow (and grant RBAC for) the Envoy Gateway data plane", DefaultValueFactory = _ => true };
        var istio = new Option<bool>("--enable-istio") { Description = "Allow (and grant RBAC for) the Istio data plane", DefaultValueFactory = _ => true };
        var crds = new Option<bool>("--crds") { Description = "Include the inference CRDs (false when the upstream CRDs are installed)", DefaultValueFactory = _ => true };
        var settingsOptions = new SettingsOptions();
        var command = new Command("manifests", "Print the operator's installation as YAML for kubectl apply -f - (the Helm chart renders the same)")
        {
            ns, image, replicas, leaderElection, envoyGateway, istio, crds,
        };
        settingsOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = settingsOptions.Bind(parse, errors);
            var count = parse.GetValue(replicas);
            if (count is < 1 or > 10) errors.Add($"--replicas: {count} is outside 1..10");
            var namespaceName = parse.GetValue(ns)!;
            if (namespaceName.Length == 0 || namespaceName.Length > 63 || !namespaceName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) errors.Add($"--namespace: '{namespaceName}' is not a namespace name");
            if (settings is null || errors.Count > 0) return await UsageAsync(error, errors).ConfigureAwait(false);
            var objects = InstallManifestBuilder.Build(new InstallOptions
            {
                Namespace = namespaceName,
                Image = parse.GetValue(image)!,
                Replicas = count,
                LeaderElection = parse.GetValue(leaderElection),
                DataPlane = settings.DefaultDataPlane,
                EppImage = settings.EppImage,
                EnvoyImage = settings.EnvoyImage,
                SecureServing = settings.SecureServing,
                EnvoyGateway = parse.GetValue(envoyGateway),
                Istio = parse.GetValue(istio),
                Crds = parse.GetValue(crds),
            });
            await output.WriteAsync(YamlEmitter.EmitDocuments(objects.Select(KubeObjectJson.ToNode), "# epp-operator installation, generated by `epp-operator manifests`.\n")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static async Task<int> UsageAsync(TextWriter error, IEnumerable<string> errors)
    {
        foreach (var message in errors) await error.WriteLineAsync($"epp-operator: {message}").ConfigureAwait(false);
        return UsageError;
    }
}
