using System.CommandLine;
using EppOperator.Sim.Cli;

namespace EppOperator.Sim.Tests.Cli;

[NonParallelizable]
public class EppsimCommandTests
{
    private static (int Exit, string Error, string Output) Run(params string[] args)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var original = (Console.Error, Console.Out);
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            var exit = EppsimCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (exit, error.ToString(), output.ToString());
        }
        finally
        {
            Console.SetError(original.Error);
            Console.SetOut(original.Out);
        }
    }

    [TestCase(new[] { "bench", "--mode", "warp" }, "--mode")]
    [TestCase(new[] { "bench", "--policies", "no-such-policy" }, "--policies")]
    [TestCase(new[] { "bench", "--workload", "no-such-workload" }, "--workload")]
    [TestCase(new[] { "bench", "--loads", "0.5,abc" }, "--loads")]
    [TestCase(new[] { "bench", "--pods", "0" }, "--pods")]
    [TestCase(new[] { "bench", "--profile", "a100" }, "--profile")]
    [TestCase(new[] { "serve", "--time-scale", "0" }, "--time-scale")]
    [TestCase(new[] { "serve", "--host", "not-an-ip" }, "--host")]
    [TestCase(new[] { "serve", "--max-num-seqs", "0" }, "max-num-seqs")]
    [TestCase(new[] { "tune", "--grid", "queue-scorer=x" }, "--grid")]
    [TestCase(new[] { "tune", "--objective", "fastest" }, "--objective")]
    [TestCase(new[] { "tune", "--workload", "nope" }, "--workload")]
    [TestCase(new[] { "load", "--url", "ftp://x" }, "--url")]
    [TestCase(new[] { "load", "--url", "http://127.0.0.1:1", "--load", "0" }, "--load")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1" }, "--endpoints")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1:80", "--epp", "ftp://x" }, "--epp")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1:80", "--epp", "https://127.0.0.1:9002" }, "--epp-ca-file")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1:80", "--fail-open" }, "--fail-open")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1:80", "--epp", "http://127.0.0.1:9002", "--epp-timeout", "0" }, "--epp-timeout")]
    [TestCase(new[] { "gateway", "--endpoints", "10.0.0.1:80", "--port", "9000", "--admin-port", "9000" }, "--admin-port")]
    [TestCase(new[] { "bench", "--mode", "live", "--time-scale", "0" }, "--time-scale")]
    [TestCase(new[] { "bench", "--mode", "live", "--epp-transport", "quic" }, "--epp-transport")]
    [TestCase(new[] { "bench", "--mode", "live", "--policies", "oracle" }, "--policies")]
    [TestCase(new[] { "bench", "--mode", "live", "--epp-path", "/no/such/epp.dll" }, "--epp-path")]
    [TestCase(new[] { "demo", "--pods", "0" }, "--pods")]
    [TestCase(new[] { "demo", "--epp-transport", "quic" }, "--epp-transport")]
    public void Invoke_BadFlag_ExitsTwoNamingTheFlag(string[] args, string flag)
    {
        var (exit, error, _) = Run(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(flag));
    }
}
