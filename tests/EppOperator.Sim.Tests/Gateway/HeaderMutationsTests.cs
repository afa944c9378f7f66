using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Sim.Gateway;
using Google.Protobuf;
using AppendAction = Envoy.Config.Core.V3.HeaderValueOption.Types.HeaderAppendAction;

namespace EppOperator.Sim.Tests.Gateway;

public class HeaderMutationsTests
{
    private static HeaderBlock Request() => Block((":method", "POST"), (":path", "/v1/completions"), (":authority", "gw"), ("x-a", "1"), ("x-a", "2"), ("content-type", "application/json"));

    private static HeaderBlock Block(params (string Key, string Value)[] entries)
    {
        var block = new HeaderBlock();
        foreach (var (key, value) in entries) block.Add(key, value);
        return block;
    }

    private static HeaderValueOption Set(string key, string value, AppendAction action = AppendAction.AppendIfExistsOrAdd) =>
        new() { Header = new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) }, AppendAction = action };

    private static string[] Values(HeaderBlock block, string key) => [.. block.Entries.Where(e => e.Key == key).Select(e => e.Value)];

    [Test]
    public void Apply_SetWithDefaults_OverwritesEveryValue()
    {
        var headers = Request();
        var mutation = new HeaderMutation { SetHeaders = { Set("X-A", "3") } };

        var error = HeaderMutations.Apply(headers, mutation, out var ignored);

        Assert.That(error, Is.Null);
        Assert.That(ignored, Is.Zero);
        Assert.That(Values(headers, "x-a"), Is.EqualTo(new[] { "3" }));
    }

#pragma warning disable CS0612 // the deprecated append flag is part of what Envoy honours
    [TestCase(true, new[] { "1", "2", "3" })]
    [TestCase(false, new[] { "3" })]
    public void Apply_DeprecatedAppendFlag_AppendsOnlyWhenTrue(bool append, string[] expected)
    {
        var headers = Request();
        var option = Set("x-a", "3");
        option.Append = append;

        HeaderMutations.Apply(headers, new HeaderMutation { SetHeaders = { option } }, out _);

        Assert.That(Values(headers, "x-a"), Is.EqualTo(expected));
    }
#pragma warning restore CS0612

    [TestCase(AppendAction.AddIfAbsent, "x-a", new[] { "1", "2" })]
    [TestCase(AppendAction.AddIfAbsent, "x-new", new[] { "v" })]
    [TestCase(AppendAction.OverwriteIfExistsOrAdd, "x-a", new[] { "v" })]
    [TestCase(AppendAction.OverwriteIfExistsOrAdd, "x-new", new[] { "v" })]
    [TestCase(AppendAction.OverwriteIfExists, "x-a", new[] { "v" })]
    [TestCase(AppendAction.OverwriteIfExists, "x-new", new string[0])]
    public void Apply_AppendAction_FollowsItsMeaning(AppendAction action, string key, string[] expected)
    {
        var headers = Request();

        HeaderMutations.Apply(headers, new HeaderMutation { SetHeaders = { Set(key, "v", action) } }, out _);

        Assert.That(Values(headers, key), Is.EqualTo(expected));
    }

    [TestCase(":method")]
    [TestCase(":authority")]
    [TestCase(":scheme")]
    [TestCase("host")]
    [TestCase("x-envoy-original-path")]
    public void Apply_SetProtectedHeader_IsIgnoredNotAnError(string key)
    {
        var headers = Request();
        var before = headers.Entries.ToList();

        var error = HeaderMutations.Apply(headers, new HeaderMutation { SetHeaders = { Set(key, "GET") } }, out var ignored);

        Assert.That(error, Is.Null);
        Assert.That(ignored, Is.EqualTo(1));
        Assert.That(headers.Entries, Is.EqualTo(before));
    }

    [Test]
    public void Apply_SetPathAndStatus_Allowed()
    {
        var request = Request();
        var response = Block((":status", "200"));

        HeaderMutations.Apply(request, new HeaderMutation { SetHeaders = { Set(":path", "/v1/chat/completions") } }, out _);
        HeaderMutations.Apply(response, new HeaderMutation { SetHeaders = { Set(":status", "429") } }, out _);

        Assert.That(request.Get(":path"), Is.EqualTo("/v1/chat/completions"));
        Assert.That(response.Get(":status"), Is.EqualTo("429"));
    }

    [TestCase("99")]
    [TestCase("abc")]
    public void Apply_InvalidStatus_IsIgnored(string status)
    {
        var response = Block((":status", "200"));

        HeaderMutations.Apply(response, new HeaderMutation { SetHeaders = { Set(":status", status) } }, out var ignored);

        Assert.That(response.Get(":status"), Is.EqualTo("200"));
        Assert.That(ignored, Is.EqualTo(1));
    }

    [Test]
    public void Apply_Remove_RemovesEveryValueButNeverAPseudoHeader()
    {
        var headers = Request();

        var error = HeaderMutations.Apply(headers, new HeaderMutation { RemoveHeaders = { "X-A", ":path", "absent" } }, out var ignored);

        Assert.That(error, Is.Null);
        Assert.That(ignored, Is.EqualTo(1));
        Assert.That(headers.Contains("x-a"), Is.False);
        Assert.That(headers.Get(":path"), Is.EqualTo("/v1/completions"));
    }

    [Test]
    public void Apply_BothValueAndRawValue_IsAnError()
    {
        var option = new HeaderValueOption { Header = new HeaderValue { Key = "x-b", Value = "1", RawValue = ByteString.CopyFromUtf8("1") } };

        var error = HeaderMutations.Apply(Request(), new HeaderMutation { SetHeaders = { option } }, out _);

        Assert.That(error, Does.Contain("both value and raw_value"));
    }

    [Test]
    public void Apply_ValueOnly_IsReadFromValue()
    {
        var headers = Request();
        var option = new HeaderValueOption { Header = new HeaderValue { Key = "x-b", Value = "from-value" } };

        HeaderMutations.Apply(headers, new HeaderMutation { SetHeaders = { option } }, out _);

        Assert.That(headers.Get("x-b"), Is.EqualTo("from-value"));
    }

    [TestCase("bad name", "x")]
    [TestCase("x-ok", "line\r\nx-injected: 1")]
    [TestCase("", "x")]
    public void Apply_MalformedNameOrValue_IsAnError(string key, string value)
    {
        var error = HeaderMutations.Apply(Request(), new HeaderMutation { SetHeaders = { Set(key, value) } }, out _);

        Assert.That(error, Is.Not.Null);
    }
}
