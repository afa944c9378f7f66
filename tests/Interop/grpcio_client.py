"""Interop client built on grpcio (Debian's python3-grpcio, an independent gRPC implementation).

Runs one scenario against --target and prints a single JSON line with what it observed; the C# test asserts on it.
Message classes are built at run time from a FileDescriptorSet (--descriptors) written by the test, because
Debian's grpcio ships without the protoc plugin (grpc_tools).

  /usr/bin/python3 grpcio_client.py --target 127.0.0.1:PORT --descriptors set.pb [--ca ca.pem]
      --scenario pingpong|health|oversize|cancel|unimplemented|deadline [--count N] [--tag T]
"""

import argparse
import json
import queue
import sys
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def load_messages(path):
    files = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)

    def message(name):
        descriptor = pool.FindMessageTypeByName(name)
        get_class = getattr(message_factory, "GetMessageClass", None)
        return get_class(descriptor) if get_class else message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return {
        "EchoRequest": message("eppoperator.interop.v1.EchoRequest"),
        "EchoResponse": message("eppoperator.interop.v1.EchoResponse"),
        "HealthCheckRequest": message("grpc.health.v1.HealthCheckRequest"),
        "HealthCheckResponse": message("grpc.health.v1.HealthCheckResponse"),
    }


def code_of(error):
    return error.code().value[0]


def payload(size, seed):
    return bytes((seed + i) & 0xFF for i in range(size))


class Client:
    def __init__(self, args):
        self.args = args
        self.types = load_messages(args.descriptors)
        if args.ca:
            with open(args.ca, "rb") as f:
                credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
            self.channel = grpc.secure_channel(args.target, credentials)
        else:
            self.channel = grpc.insecure_channel(args.target)
        t = self.types
        self.unary = self.rpc("unary_unary", "/eppoperator.interop.v1.Echo/Unary", t["EchoResponse"])
        self.chat = self.rpc("stream_stream", "/eppoperator.interop.v1.Echo/Chat", t["EchoResponse"])
        self.check = self.rpc("unary_unary", "/grpc.health.v1.Health/Check", t["HealthCheckResponse"])
        self.watch = self.rpc("unary_stream", "/grpc.health.v1.Health/Watch", t["HealthCheckResponse"])

    def rpc(self, kind, method, response_type):
        return getattr(self.channel, kind)(
            method, request_serializer=lambda m: m.SerializeToString(), response_deserializer=response_type.FromString)

    def echo_request(self, **fields):
        return self.types["EchoRequest"](**fields)

    def open_chat(self):
        requests = queue.Queue()

        def generate():
            while True:
                item = requests.get()
                if item is None:
                    return
                yield item

        return requests, self.chat(generate())

    def pingpong(self):
        requests, responses = self.open_chat()
        started = time.perf_counter()
        for i in range(1, self.args.count + 1):
            sent = payload(self.args.payload_size, i)
            requests.put(self.echo_request(sequence=i, payload=sent, tag=self.args.tag))
            answer = next(responses)
            if answer.sequence != i or answer.payload != sent:
                requests.put(None)
                return {"ok": False, "failedAt": i}
        elapsed_ms = (time.perf_counter() - started) * 1000
        requests.put(None)
        for _ in responses:
            pass
        code = responses.code().value[0]
        return {"ok": code == 0, "count": self.args.count, "code": code, "elapsedMs": elapsed_ms}

    def health(self):
        request = self.types["HealthCheckRequest"]
        overall = self.check(request(service=""))
        try:
            self.check(request(service="no.such.Service"))
            unknown_code = 0
        except grpc.RpcError as error:
            unknown_code = code_of(error)

        def watch(service, done):
            seen = []
            call = self.watch(request(service=service))
            try:
                for message in call:
                    seen.append(message.status)
                    if done(seen):
                        call.cancel()
            except grpc.RpcError:
                pass
            return seen

        watch_unknown = watch("no.such.Service", lambda seen: len(seen) >= 1)
        # The test flips interop.toggle to NOT_SERVING once it sees this watcher.
        watch_toggle = watch("interop.toggle", lambda seen: 2 in seen)
        return {
            "checkCode": 0,
            "checkStatus": overall.status,
            "checkUnknownCode": unknown_code,
            "watchUnknown": watch_unknown,
            "watchToggle": watch_toggle,
        }

    def oversize(self):
        requests, responses = self.open_chat()
        requests.put(self.echo_request(sequence=1, payload=payload(16, 1)))
        first = next(responses)
        requests.put(self.echo_request(sequence=2, payload=bytes(5 * 1024 * 1024)))
        code, details = 0, ""
        try:
            for _ in responses:
                pass
            code = responses.code().value[0]
        except grpc.RpcError as error:
            code, details = code_of(error), error.details()
        requests.put(None)
        after = self.unary(self.echo_request(sequence=3, payload=payload(16, 3)))
        return {"firstAnswered": first.sequence == 1, "code": code, "details": details, "afterCode": 0 if after.sequence == 3 else -1}

    def cancel(self):
        requests, responses = self.open_chat()
        answered = 0
        for i in range(1, 4):
            requests.put(self.echo_request(sequence=i, payload=payload(16, i), tag=self.args.tag))
            if next(responses).sequence == i:
                answered += 1
        responses.cancel()
        requests.put(None)
        return {"answered": answered, "code": responses.code().value[0]}

    def unimplemented(self):
        def call(method):
            try:
                self.channel.unary_unary(method)(b"")
                return 0
            except grpc.RpcError as error:
                return code_of(error)

        return {
            "unknownMethodCode": call("/eppoperator.interop.v1.Echo/Missing"),
            "unknownServiceCode": call("/no.such.Service/Method"),
        }

    def deadline(self):
        try:
            self.unary(self.echo_request(sequence=1, delay_ms=30000, tag=self.args.tag), timeout=0.5)
            return {"code": 0}
        except grpc.RpcError as error:
            return {"code": code_of(error), "details": error.details()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--ca")
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--payload-size", type=int, default=64)
    parser.add_argument("--tag", default="grpcio")
    args = parser.parse_args()

    client = Client(args)
    scenario = getattr(client, args.scenario, None)
    if scenario is None or args.scenario.startswith("_"):
        print(f"unknown scenario {args.scenario}", file=sys.stderr)
        return 2
    print(json.dumps(scenario()))
    sys.stdout.flush()
    client.channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
