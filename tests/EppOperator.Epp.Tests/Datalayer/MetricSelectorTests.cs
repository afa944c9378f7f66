using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Tests.Datalayer;

[TestFixture]
public sealed class MetricSelectorTests
{
    [TestCase("vllm:num_requests_waiting", "vllm:num_requests_waiting")]
    [TestCase("  m  ", "m")]
    [TestCase("m{request_type=waiting}", "m{request_type=\"waiting\"}")]
    [TestCase("m{ a = \"x\" , b=y }", "m{a=\"x\",b=\"y\"}")]
    [TestCase("m{}", "m")]
    public void TryParse_ValidSelector_RoundTrips(string text, string expected)
    {
        // Act
        var ok = MetricSelector.TryParse(text, out var selector, out var error);

        // Assert
        Assert.That(ok, Is.True, error);
        Assert.That(selector!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("1metric")]
    [TestCase("m{a=\"x\"")]
    [TestCase("m{=x}")]
    [TestCase("m{a}")]
    [TestCase("m{a=\"x\"\"}")]
    [TestCase("bad-name")]
    public void TryParse_InvalidSelector_ReturnsErrorNamingTheInput(string text)
    {
        // Act
        var ok = MetricSelector.TryParse(text, out var selector, out var error);

        // Assert
        Assert.That(ok, Is.False);
        Assert.That(selector, Is.Null);
        Assert.That(error, Does.Contain($"'{text}'"));
    }
}
