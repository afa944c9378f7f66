using System.Net;
using Envoy.Config.Core.V3;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using Google.Protobuf.WellKnownTypes;

namespace EppOperator.Epp.Tests.ExtProc;

[TestFixture]
public sealed class EndpointSubsetTests
{
    private static readonly Endpoint[] Pool =
    [
        new(new EndpointSpec("a", IPAddress.Parse("10.0.0.1"), 8000)),
        new(new EndpointSpec("b", IPAddress.Parse("10.0.0.1"), 8002)),
        new(new EndpointSpec("c", IPAddress.Parse("10.0.0.2"), 8000)),
        new(new EndpointSpec("d", IPAddress.Parse("fd00::5"), 8000)),
    ];

    [TestCase("10.0.0.1:8000", "a")]
    [TestCase("10.0.0.1", "a,b")]
    [TestCase("10.0.0.1:8002, 10.0.0.2", "b,c")]
    [TestCase("[fd00::5]:8000", "d")]
    [TestCase("fd00::5", "d")]
    [TestCase("[fd00::5]:9", "")]
    [TestCase("10.0.0.9:8000", "")]
    [TestCase("garbage, 10.0.0.2:8000", "c")]
    [TestCase("", "")]
    public void Filter_ConformanceHeader_ExactPortOrAllPorts(string header, string expected)
    {
        // Arrange
        var headers = new Dictionary<string, string> { ["test-epp-endpoint-selection"] = header };

        // Act
        var subset = EndpointSubset.Read(headers, null, new ExtProcOptions { ConformanceHooks = true });
        var matched = Matches(subset!);

        // Assert
        Assert.That(matched, Is.EqualTo(expected));
    }

    [Test]
    public void Read_ListValueMetadata_Filters()
    {
        var subset = EndpointSubset.Read(new Dictionary<string, string>(), Metadata(Value.ForList(Value.ForString("10.0.0.2:8000"), Value.ForNumber(3))), new ExtProcOptions());

        Assert.That(Matches(subset!), Is.EqualTo("c"));
    }

    [Test]
    public void Read_NoHintOrOtherValueKind_NoRestriction()
    {
        var options = new ExtProcOptions();

        Assert.That(EndpointSubset.Read(new Dictionary<string, string>(), null, options), Is.Null);
        Assert.That(EndpointSubset.Read(new Dictionary<string, string>(), new Metadata(), options), Is.Null);
        Assert.That(EndpointSubset.Read(new Dictionary<string, string>(), Metadata(Value.ForBool(true)), options), Is.Null);
    }

    [Test]
    public void Read_SubsetFilterDisabled_MetadataIgnoredButHeaderStillHonoured()
    {
        var options = new ExtProcOptions { DisableEndpointSubsetFilter = true, ConformanceHooks = true };
        var metadata = Metadata(Value.ForList(Value.ForString("10.0.0.2:8000")));

        Assert.That(EndpointSubset.Read(new Dictionary<string, string>(), metadata, options), Is.Null);
        Assert.That(Matches(EndpointSubset.Read(new Dictionary<string, string> { ["test-epp-endpoint-selection"] = "10.0.0.2" }, metadata, options)!), Is.EqualTo("c"));
    }

    [Test]
    public void Read_DefaultOptions_ConformanceHeaderIgnored()
    {
        var metadata = Metadata(Value.ForList(Value.ForString("10.0.0.1:8000")));

        var withoutHint = EndpointSubset.Read(new Dictionary<string, string> { ["test-epp-endpoint-selection"] = "10.0.0.2" }, null, new ExtProcOptions());
        var withHint = EndpointSubset.Read(new Dictionary<string, string> { ["test-epp-endpoint-selection"] = "10.0.0.2" }, metadata, new ExtProcOptions());

        Assert.That(withoutHint, Is.Null, "the client's header does not restrict the pick");
        Assert.That(Matches(withHint!), Is.EqualTo("a"), "only the proxy's subset hint does");
    }

    private static string Matches(EndpointSubset subset)
    {
        var buffer = new Endpoint[Pool.Length];
        var count = subset.Filter(Pool, buffer);
        return string.Join(',', buffer.Take(count).Select(e => e.Name));
    }

    private static Metadata Metadata(Value value)
    {
        var hint = new Struct();
        hint.Fields["x-gateway-destination-endpoint-subset"] = value;
        var metadata = new Metadata();
        metadata.FilterMetadata["envoy.lb.subset_hint"] = hint;
        return metadata;
    }
}
