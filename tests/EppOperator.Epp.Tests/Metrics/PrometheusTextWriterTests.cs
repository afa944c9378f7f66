using EppOperator.Epp.Metrics;

namespace EppOperator.Epp.Tests.Metrics;

[TestFixture]
public sealed class PrometheusTextWriterTests
{
    [TestCase(0.0, "0")]
    [TestCase(1.5, "1.5")]
    [TestCase(1e-7, "1E-07")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    [TestCase(double.NaN, "NaN")]
    public void FormatValue_SpecialAndOrdinaryValues_UsesExpositionSpelling(double value, string expected)
    {
        Assert.That(PrometheusTextWriter.FormatValue(value), Is.EqualTo(expected));
    }

    [Test]
    public void WriteSample_LabelValueWithQuoteBackslashNewline_IsEscaped()
    {
        // Arrange
        var text = new StringWriter();
        var writer = new PrometheusTextWriter(text);

        // Act
        writer.WriteFamilyHeader("x_total", "Help with \\ and\nnewline", "counter");
        writer.WriteSample("x_total", [new("model_name", "a\"b\\c\nd"), new("k", "v")], 3);

        // Assert
        Assert.That(text.ToString(), Is.EqualTo(
            "# HELP x_total Help with \\\\ and\\nnewline\n" +
            "# TYPE x_total counter\n" +
            "x_total{model_name=\"a\\\"b\\\\c\\nd\",k=\"v\"} 3\n"));
    }
}
