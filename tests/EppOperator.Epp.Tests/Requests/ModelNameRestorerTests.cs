using System.Text;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class ModelNameRestorerTests
{
    [TestCase("""{"id":"x","model":"target","choices":[]}""", """{"id":"x","model":"incoming","choices":[]}""")]
    [TestCase("""{"model": "target"}""", """{"model": "incoming"}""")]
    [TestCase("data: {\"model\":\"target\"}\n\ndata: {\"model\":\"target\"}\n\n", "data: {\"model\":\"incoming\"}\n\ndata: {\"model\":\"incoming\"}\n\n")]
    [TestCase("""{"model":"target","n":1,"x":{"model": "target"},"y":{"model":"target"}}""", """{"model":"incoming","n":1,"x":{"model": "incoming"},"y":{"model":"incoming"}}""")]
    public void Restore_ReplacesEveryModelMember(string body, string expected)
    {
        var restorer = new ModelNameRestorer("incoming", "target");

        var restored = restorer.Restore(Encoding.UTF8.GetBytes(body));

        Assert.That(Encoding.UTF8.GetString(restored!), Is.EqualTo(expected));
    }

    [TestCase("""{"model":"long-target-name","x":"model","y":{"model": "long-target-name"}}""", """{"model":"m","x":"model","y":{"model": "m"}}""")]
    public void Restore_ShorterClientName_ShrinksBody(string body, string expected)
    {
        var restorer = new ModelNameRestorer("m", "long-target-name");

        var restored = restorer.Restore(Encoding.UTF8.GetBytes(body));

        Assert.That(Encoding.UTF8.GetString(restored!), Is.EqualTo(expected));
    }

    [TestCase("""{"model":"target-2"}""")]
    [TestCase("""{"content":"target"}""")]
    public void Restore_NoExactMember_ReturnsNull(string body) =>
        Assert.That(new ModelNameRestorer("incoming", "target").Restore(Encoding.UTF8.GetBytes(body)), Is.Null);
}
