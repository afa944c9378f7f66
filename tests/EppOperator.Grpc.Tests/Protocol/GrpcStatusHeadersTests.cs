using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace EppOperator.Grpc.Tests.Protocol;

[TestFixture]
public sealed class GrpcStatusHeadersTests
{
    [Test]
    public void Write_StatusWithDetail_DecimalCodeAndEncodedMessage()
    {
        // Arrange
        var headers = new HeaderDictionary();

        // Act
        GrpcStatusHeaders.Write(headers, new Status(StatusCode.ResourceExhausted, "too big: 100%"));

        // Assert
        Assert.That(headers["grpc-status"].ToString(), Is.EqualTo("8"));
        Assert.That(headers["grpc-message"].ToString(), Is.EqualTo("too big: 100%25"));
    }

    [Test]
    public void Write_AfterEarlierStatus_FinalStatusReplacesIt()
    {
        // Arrange
        var headers = new HeaderDictionary { ["grpc-status"] = "13", ["grpc-message"] = "earlier" };

        // Act
        GrpcStatusHeaders.Write(headers, Status.DefaultSuccess);

        // Assert
        Assert.That(headers["grpc-status"].ToString(), Is.EqualTo("0"));
        Assert.That(headers.ContainsKey("grpc-message"), Is.False);
    }

    [TestCase("0", null, 0, "")]
    [TestCase("14", "connection%20lost", 14, "connection lost")]
    [TestCase("16", "", 16, "")]
    public void TryParse_StatusHeaders_Decoded(string code, string? message, int expectedCode, string expectedDetail)
    {
        // Act
        var parsed = GrpcStatusHeaders.TryParse(code, message, out var status);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(status, Is.EqualTo(new Status((StatusCode)expectedCode, expectedDetail)));
    }

    [Test]
    public void TryParse_NotANumber_Unknown()
    {
        // Act
        GrpcStatusHeaders.TryParse("abc", null, out var status);

        // Assert
        Assert.That(status.StatusCode, Is.EqualTo(StatusCode.Unknown));
        Assert.That(status.Detail, Does.Contain("abc"));
    }

    [Test]
    public void TryParse_NoStatus_False()
    {
        // Act
        var parsed = GrpcStatusHeaders.TryParse(null, "message", out _);

        // Assert
        Assert.That(parsed, Is.False);
    }
}
