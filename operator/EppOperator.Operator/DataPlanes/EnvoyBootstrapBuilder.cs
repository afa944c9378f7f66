using System.Text.Json.Nodes;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Requests;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// A complete Envoy v3 bootstrap for a standalone inference gateway in front of one pool:
/// <list type="bullet">
/// <item>listener 8081: ext_proc to the picker (FULL_DUPLEX_STREAMED both ways, trailers sent, 1000 s message timeout,
/// <c>failure_mode_allow</c> from the pool's failure mode), <c>envoy.lb</c> dynamic metadata forwarded to and accepted from
/// the picker, and the served endpoint reported back in <c>x-gateway-destination-endpoint-served</c>;</item>
/// <item>cluster <c>pool</c>: STRICT_DNS over the headless shadow Service with the
/// <c>envoy.load_balancing_policies.override_host</c> policy reading the picked endpoints from <c>envoy.lb</c> metadata only
/// (a client-forged header is never consulted, and hosts outside the pool are skipped) and round robin as fallback, so
/// FailOpen has somewhere to go;</item>
/// <item>cluster <c>epp</c>: HTTP/2 to the picker Service with TLS verified against the operator CA, gRPC health-checked;</item>
/// <item>listener 19001: <c>/ready</c> and <c>/stats/prometheus</c>; admin on loopback only.</item>
/// </list>
/// </summary>
internal static class EnvoyBootstrapBuilder
{
    public const string CaMountPath = "/etc/epp-ca";
    public const string CaFile = CaMountPath + "/ca.crt";

    private const string TypePrefix = "type.googleapis.com/";
    private const string HcmType = TypePrefix + "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    private const string RouterType = TypePrefix + "envoy.extensions.filters.http.router.v3.Router";

    public static JsonObject Build(InferencePoolView pool, PickerEndpoint picker, bool failOpen)
    {
        var name = ChildNames.Envoy(pool.Name);
        return new JsonObject
        {
            ["node"] = new JsonObject { ["id"] = name, ["cluster"] = name },
            ["admin"] = new JsonObject { ["address"] = SocketAddress("127.0.0.1", OperatorConstants.EnvoyAdminPort) },
            ["static_resources"] = new JsonObject
            {
                ["listeners"] = new JsonArray(InferenceListener(pool, picker, failOpen), ReadyListener()),
                ["clusters"] = new JsonArray(PoolCluster(pool, picker.ClusterDomain), PickerCluster(picker), AdminCluster()),
            },
        };
    }

    private static JsonObject InferenceListener(InferencePoolView pool, PickerEndpoint picker, bool failOpen) => new()
    {
        ["name"] = "inference",
        ["address"] = SocketAddress("0.0.0.0", OperatorConstants.EnvoyListenerPort),
        ["filter_chains"] = new JsonArray(new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject
            {
                ["name"] = "envoy.filters.network.http_connection_manager",
                ["typed_config"] = new JsonObject
                {
                    ["@type"] = HcmType,
                    ["stat_prefix"] = "inference",
                    ["codec_type"] = "AUTO",
                    ["use_remote_address"] = true,
                    ["normalize_path"] = true,
                    ["merge_slashes"] = true,
                    ["route_config"] = new JsonObject
                    {
                        ["name"] = "inference",
                        ["virtual_hosts"] = new JsonArray(new JsonObject
                        {
                            ["name"] = pool.Name,
                            ["domains"] = new JsonArray("*"),
                            ["routes"] = new JsonArray(new JsonObject
                            {
                                ["match"] = new JsonObject { ["prefix"] = "/" },
                                // Generations stream for minutes: no overall timeout, but an idle stream is cut.
                                ["route"] = new JsonObject { ["cluster"] = "pool", ["timeout"] = "0s", ["idle_timeout"] = "600s" },
                                // The router adds this before the response reaches ext_proc, so the picker learns
                                // which endpoint actually served (it may differ after a fallback).
                                ["response_headers_to_add"] = new JsonArray(new JsonObject
                                {
                                    ["header"] = new JsonObject { ["key"] = RequestHeaderNames.DestinationEndpointServed, ["value"] = "%UPSTREAM_HOST%" },
                                    ["append_action"] = "OVERWRITE_IF_EXISTS_OR_ADD",
                                }),
                            }),
                        }),
                    },
                    ["http_filters"] = new JsonArray(ExtProcFilter(picker, failOpen), Router()),
                },
            }),
        }),
    };

    private static JsonObject ExtProcFilter(PickerEndpoint picker, bool failOpen) => new()
    {
        ["name"] = "envoy.filters.http.ext_proc",
        ["typed_config"] = new JsonObject
        {
            ["@type"] = TypePrefix + "envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor",
            ["grpc_service"] = new JsonObject
            {
                ["envoy_grpc"] = new JsonObject { ["cluster_name"] = "epp", ["authority"] = $"{picker.ServerName}:{picker.Port}" },
                ["timeout"] = "10s",
            },
            ["failure_mode_allow"] = failOpen,
            ["allow_mode_override"] = false,
            ["processing_mode"] = new JsonObject
            {
                ["request_header_mode"] = "SEND",
                ["response_header_mode"] = "SEND",
                ["request_body_mode"] = "FULL_DUPLEX_STREAMED",
                ["response_body_mode"] = "FULL_DUPLEX_STREAMED",
                ["request_trailer_mode"] = "SEND",
                ["response_trailer_mode"] = "SEND",
            },
            ["message_timeout"] = "1000s",
            ["metadata_options"] = new JsonObject
            {
                ["forwarding_namespaces"] = new JsonObject { ["untyped"] = new JsonArray(RequestHeaderNames.LbMetadataNamespace) },
                ["receiving_namespaces"] = new JsonObject { ["untyped"] = new JsonArray(RequestHeaderNames.LbMetadataNamespace) },
            },
        },
    };

    private static JsonObject PoolCluster(InferencePoolView pool, string clusterDomain)
    {
        var shadow = $"{ChildNames.Shadow(pool.Name)}.{pool.Namespace}.svc.{clusterDomain}";
        var endpoints = new JsonArray();
        foreach (var port in pool.TargetPorts)
        {
            endpoints.Add(new JsonObject { ["endpoint"] = new JsonObject { ["address"] = SocketAddress(shadow, port) } });
        }

        var cluster = new JsonObject
        {
            ["name"] = "pool",
            ["type"] = "STRICT_DNS",
            ["connect_timeout"] = "5s",
            // Pods come and go; the headless Service's answer is re-read often.
            ["dns_refresh_rate"] = "5s",
            ["load_assignment"] = new JsonObject
            {
                ["cluster_name"] = "pool",
                ["endpoints"] = new JsonArray(new JsonObject { ["lb_endpoints"] = endpoints }),
            },
            ["load_balancing_policy"] = new JsonObject
            {
                ["policies"] = new JsonArray(new JsonObject
                {
                    ["typed_extension_config"] = new JsonObject
                    {
                        ["name"] = "envoy.load_balancing_policies.override_host",
                        ["typed_config"] = new JsonObject
                        {
                            ["@type"] = TypePrefix + "envoy.extensions.load_balancing_policies.override_host.v3.OverrideHost",
                            // Metadata only: it is written by the picker, never by the client.
                            ["override_host_sources"] = new JsonArray(new JsonObject
                            {
                                ["metadata"] = new JsonObject
                                {
                                    ["key"] = RequestHeaderNames.LbMetadataNamespace,
                                    ["path"] = new JsonArray(new JsonObject { ["key"] = RequestHeaderNames.DestinationEndpoint }),
                                },
                            }),
                            ["fallback_policy"] = new JsonObject
                            {
                                ["policies"] = new JsonArray(new JsonObject
                                {
                                    ["typed_extension_config"] = new JsonObject
                                    {
                                        ["name"] = "envoy.load_balancing_policies.round_robin",
                                        ["typed_config"] = new JsonObject { ["@type"] = TypePrefix + "envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin" },
                                    },
                                }),
                            },
                        },
                    },
                }),
            },
            ["circuit_breakers"] = CircuitBreakers(),
        };
        if (pool.IsHttp2) cluster["typed_extension_protocol_options"] = Http2Options();
        return cluster;
    }

    private static JsonObject PickerCluster(PickerEndpoint picker)
    {
        var cluster = new JsonObject
        {
            ["name"] = "epp",
            ["type"] = "STRICT_DNS",
            ["connect_timeout"] = "5s",
            ["typed_extension_protocol_options"] = Http2Options(),
            ["load_assignment"] = new JsonObject
            {
                ["cluster_name"] = "epp",
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["lb_endpoints"] = new JsonArray(new JsonObject { ["endpoint"] = new JsonObject { ["address"] = SocketAddress(picker.Fqdn, picker.Port) } }),
                }),
            },
            ["health_checks"] = new JsonArray(new JsonObject
            {
                ["timeout"] = "1s",
                ["interval"] = "10s",
                ["unhealthy_threshold"] = 3,
                ["healthy_threshold"] = 1,
                ["grpc_health_check"] = new JsonObject { ["service_name"] = ExtProcConstants.ServiceName },
            }),
            ["circuit_breakers"] = CircuitBreakers(),
        };
        if (picker.Tls != PickerTls.Plaintext) cluster["transport_socket"] = UpstreamTls(picker);
        return cluster;
    }

    private static JsonObject UpstreamTls(PickerEndpoint picker)
    {
        var common = new JsonObject { ["alpn_protocols"] = new JsonArray("h2") };
        if (picker.Tls == PickerTls.Verified)
        {
            common["validation_context"] = new JsonObject
            {
                ["trusted_ca"] = new JsonObject { ["filename"] = CaFile },
                ["match_typed_subject_alt_names"] = new JsonArray(new JsonObject
                {
                    ["san_type"] = "DNS",
                    ["matcher"] = new JsonObject { ["exact"] = picker.ServerName },
                }),
            };
        }

        return new JsonObject
        {
            ["name"] = "envoy.transport_sockets.tls",
            ["typed_config"] = new JsonObject
            {
                ["@type"] = TypePrefix + "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                ["sni"] = picker.ServerName,
                ["common_tls_context"] = common,
            },
        };
    }

    private static JsonObject ReadyListener() => new()
    {
        ["name"] = "ready",
        ["address"] = SocketAddress("0.0.0.0", OperatorConstants.EnvoyReadyPort),
        ["filter_chains"] = new JsonArray(new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject
            {
                ["name"] = "envoy.filters.network.http_connection_manager",
                ["typed_config"] = new JsonObject
                {
                    ["@type"] = HcmType,
                    ["stat_prefix"] = "ready",
                    ["route_config"] = new JsonObject
                    {
                        ["name"] = "ready",
                        ["virtual_hosts"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "ready",
                            ["domains"] = new JsonArray("*"),
                            ["routes"] = new JsonArray(new JsonObject
                            {
                                ["match"] = new JsonObject { ["prefix"] = "/stats/prometheus" },
                                ["route"] = new JsonObject { ["cluster"] = "envoy_admin" },
                            }),
                        }),
                    },
                    ["http_filters"] = new JsonArray(
                        new JsonObject
                        {
                            ["name"] = "envoy.filters.http.health_check",
                            ["typed_config"] = new JsonObject
                            {
                                ["@type"] = TypePrefix + "envoy.extensions.filters.http.health_check.v3.HealthCheck",
                                ["pass_through_mode"] = false,
                                ["headers"] = new JsonArray(new JsonObject
                                {
                                    ["name"] = ":path",
                                    ["string_match"] = new JsonObject { ["exact"] = "/ready" },
                                }),
                            },
                        },
                        Router()),
                },
            }),
        }),
    };

    private static JsonObject AdminCluster() => new()
    {
        ["name"] = "envoy_admin",
        ["type"] = "STATIC",
        ["connect_timeout"] = "1s",
        ["load_assignment"] = new JsonObject
        {
            ["cluster_name"] = "envoy_admin",
            ["endpoints"] = new JsonArray(new JsonObject
            {
                ["lb_endpoints"] = new JsonArray(new JsonObject { ["endpoint"] = new JsonObject { ["address"] = SocketAddress("127.0.0.1", OperatorConstants.EnvoyAdminPort) } }),
            }),
        },
    };

    private static JsonObject Router() => new()
    {
        ["name"] = "envoy.filters.http.router",
        ["typed_config"] = new JsonObject { ["@type"] = RouterType, ["suppress_envoy_headers"] = true },
    };

    private static JsonObject Http2Options() => new()
    {
        ["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"] = new JsonObject
        {
            ["@type"] = TypePrefix + "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
            ["explicit_http_config"] = new JsonObject { ["http2_protocol_options"] = new JsonObject() },
        },
    };

    // Envoy's defaults (1024) would queue or reject a busy pool's long-lived streams.
    private static JsonObject CircuitBreakers() => new()
    {
        ["thresholds"] = new JsonArray(new JsonObject
        {
            ["max_connections"] = 40000,
            ["max_pending_requests"] = 40000,
            ["max_requests"] = 40000,
            ["max_retries"] = 1024,
        }),
    };

    private static JsonObject SocketAddress(string address, int port) => new()
    {
        ["socket_address"] = new JsonObject { ["address"] = address, ["port_value"] = port },
    };
}
