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

    [TestCase(new[] { "bench", "--mode", "live" }, "--mode")]
    [TestCase(new[] { "bench", "--policies", "no-such-policy" }, "--policies")]
    [TestCase(new[] { "bench", "--workload", "no-such-workload" }, "--workload")]
    [TestCase(new[] { "bench", "--loads", "0.5,abc" }, "--loads")]
    [TestCase(new[] { "bench", "--pods", "0" }, "--pods")]
    [TestCase(new[] { "bench", "--profile", "a100" }, "--profile")]
    [TestCase(new[] { "serve", "--time-scale", "0" }, "--time-scale")]
    [TestCase(new[] { "serve", "--host", "not-an-ip" }, "--host")]
    [TestCase(new[] { "serve", "--max-num-seqs", "0" }, "max-num-seqs")]
    [TestCase(new[] { "load", "--url", "ftp://x" }, "--url")]
    [TestCase(new[] { "load", "--url", "http://127.0.0.1:1", "--load", "0" }, "--load")]
    public void Invoke_BadFlag_ExitsTwoNamingTheFlag(string[] args, string flag)
    {
        var (exit, error, _) = Run(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(flag));
    }

    [Test]
    public void Invoke_Demo_ExitsZeroAndSaysItIsNotBuiltYet()
    {
        var (exit, _, output) = Run("demo", "--out", Path.GetTempPath());

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("not built yet"));
    }
}
