using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;

namespace EppOperator.Protos.Tests;

/// <summary>
/// Golden vectors derived by hand from the upstream field numbers and wire types: tag = (number &lt;&lt; 3) | type,
/// where type 0 is varint and 2 is length-delimited. A wrong field number or type changes the bytes.
/// </summary>
[TestFixture]
public sealed class WireVectorTests
{
    private static IEnumerable<TestCaseData> Vectors()
    {
        yield return new TestCaseData(
            new ProcessingRequest { RequestBody = new HttpBody { Body = ByteString.CopyFromUtf8("hi"), EndOfStream = true } },
            new byte[]
            {
                0x22, 0x06,             // field 4 request_body, LEN 6
                0x0A, 0x02, 0x68, 0x69, //   field 1 body = "hi"
                0x10, 0x01,             //   field 2 end_of_stream = true
            }).SetName("ProcessingRequest_RequestBody");

        yield return new TestCaseData(
            new ProcessingRequest
            {
                RequestHeaders = new HttpHeaders
                {
                    Headers = new HeaderMap { Headers = { new HeaderValue { Key = ":path", RawValue = ByteString.CopyFromUtf8("/") } } },
                    EndOfStream = true,
                },
            },
            new byte[]
            {
                0x12, 0x10,                         // field 2 request_headers, LEN 16
                0x0A, 0x0C,                         //   field 1 headers (HeaderMap), LEN 12
                0x0A, 0x0A,                         //     field 1 headers (HeaderValue), LEN 10
                0x0A, 0x05, 0x3A, 0x70, 0x61, 0x74, 0x68, //   field 1 key = ":path"
                0x1A, 0x01, 0x2F,                   //       field 3 raw_value = "/"
                0x18, 0x01,                         //   field 3 end_of_stream = true
            }).SetName("ProcessingRequest_RequestHeadersRawValue");

        yield return new TestCaseData(
            new ProcessingRequest
            {
                ResponseTrailers = new HttpTrailers(),
                ObservabilityMode = true,
                ProtocolConfig = new ProtocolConfiguration { RequestBodyMode = ProcessingMode.Types.BodySendMode.FullDuplexStreamed },
            },
            new byte[]
            {
                0x3A, 0x00,             // field 7 response_trailers, empty
                0x50, 0x01,             // field 10 observability_mode = true
                0x5A, 0x02, 0x08, 0x04, // field 11 protocol_config { request_body_mode = FULL_DUPLEX_STREAMED (4) }
            }).SetName("ProcessingRequest_TrailersObservabilityProtocol");

        yield return new TestCaseData(
            new ProcessingResponse { RequestHeaders = new HeadersResponse { Response = new CommonResponse { ClearRouteCache = true } } },
            new byte[]
            {
                0x0A, 0x04,             // field 1 request_headers, LEN 4
                0x0A, 0x02,             //   field 1 response (CommonResponse), LEN 2
                0x28, 0x01,             //     field 5 clear_route_cache = true
            }).SetName("ProcessingResponse_ClearRouteCache");

        yield return new TestCaseData(
            new ProcessingResponse
            {
                RequestBody = new BodyResponse
                {
                    Response = new CommonResponse
                    {
                        BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = ByteString.CopyFromUtf8("ab"), EndOfStream = true } },
                    },
                },
            },
            new byte[]
            {
                0x1A, 0x0C,             // field 3 request_body, LEN 12
                0x0A, 0x0A,             //   field 1 response, LEN 10
                0x1A, 0x08,             //     field 3 body_mutation, LEN 8
                0x1A, 0x06,             //       field 3 streamed_response, LEN 6
                0x0A, 0x02, 0x61, 0x62, //         field 1 body = "ab"
                0x10, 0x01,             //         field 2 end_of_stream = true
            }).SetName("ProcessingResponse_StreamedBody");

        yield return new TestCaseData(
            new ProcessingResponse
            {
                ImmediateResponse = new ImmediateResponse { Status = new HttpStatus { Code = StatusCode.TooManyRequests }, Body = ByteString.CopyFromUtf8("x") },
            },
            new byte[]
            {
                0x3A, 0x08,             // field 7 immediate_response, LEN 8
                0x0A, 0x03,             //   field 1 status (HttpStatus), LEN 3
                0x08, 0xAD, 0x03,       //     field 1 code = 429 (varint 0xAD 0x03)
                0x1A, 0x01, 0x78,       //   field 3 body = "x"
            }).SetName("ProcessingResponse_ImmediateResponse429");

        yield return new TestCaseData(
            new ProcessingResponse
            {
                ResponseTrailers = new TrailersResponse(),
                DynamicMetadata = new Struct { Fields = { ["k"] = Value.ForString("v") } },
                RequestDrain = true,
            },
            new byte[]
            {
                0x32, 0x00,             // field 6 response_trailers, empty
                0x42, 0x0A,             // field 8 dynamic_metadata (Struct), LEN 10
                0x0A, 0x08,             //   field 1 fields (map entry), LEN 8
                0x0A, 0x01, 0x6B,       //     key = "k"
                0x12, 0x03,             //     value (Value), LEN 3
                0x1A, 0x01, 0x76,       //       field 3 string_value = "v"
                0x60, 0x01,             // field 12 request_drain = true
            }).SetName("ProcessingResponse_TrailersMetadataDrain");

        yield return new TestCaseData(
            new ProcessingResponse
            {
                StreamedImmediateResponse = new StreamedImmediateResponse { BodyResponse = new StreamedBodyResponse { EndOfStream = true } },
            },
            new byte[]
            {
                0x5A, 0x04,             // field 11 streamed_immediate_response, LEN 4
                0x12, 0x02,             //   field 2 body_response, LEN 2
                0x10, 0x01,             //     field 2 end_of_stream = true
            }).SetName("ProcessingResponse_StreamedImmediateResponse");

        yield return new TestCaseData(
            new HeaderValueOption
            {
                Header = new HeaderValue { Key = "a", RawValue = ByteString.CopyFromUtf8("b") },
                AppendAction = HeaderValueOption.Types.HeaderAppendAction.OverwriteIfExistsOrAdd,
                KeepEmptyValue = true,
            },
            new byte[]
            {
                0x0A, 0x06,             // field 1 header, LEN 6
                0x0A, 0x01, 0x61,       //   field 1 key = "a"
                0x1A, 0x01, 0x62,       //   field 3 raw_value = "b"
                0x18, 0x02,             // field 3 append_action = OVERWRITE_IF_EXISTS_OR_ADD (2)
                0x20, 0x01,             // field 4 keep_empty_value = true
            }).SetName("HeaderValueOption_OverwriteAction");

        yield return new TestCaseData(
            new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.ServiceUnknown },
            new byte[] { 0x08, 0x03 } // field 1 status = SERVICE_UNKNOWN (3)
            ).SetName("HealthCheckResponse_ServiceUnknown");
    }

    [TestCaseSource(nameof(Vectors))]
    public void Encode_GoldenMessage_ProducesHandDerivedBytes(IMessage message, byte[] expected)
    {
        // Act
        var actual = message.ToByteArray();

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Decode_HandDerivedBytes_RoundTripsToMessage(IMessage message, byte[] bytes)
    {
        // Act
        var decoded = message.Descriptor.Parser.ParseFrom(bytes);

        // Assert
        Assert.That(decoded, Is.EqualTo(message));
    }
}
