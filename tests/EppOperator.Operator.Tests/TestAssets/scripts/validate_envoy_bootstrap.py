#!/usr/bin/env python3
"""Checks an Envoy bootstrap (YAML) against Envoy's own v3 schema.

usage: validate_envoy_bootstrap.py DESCRIPTOR_SET BOOTSTRAP_YAML

The descriptor set is Envoy's v3 API compiled from upstream. The bootstrap is converted YAML -> JSON and parsed
with protobuf's JSON parser into envoy.config.bootstrap.v3.Bootstrap using that descriptor pool: unknown fields,
wrong value types, unknown enum names and unknown `@type` URLs of typed_config (Any) fields all fail. Every
resolved @type is printed, so the caller can check the extensions it expected were checked too.
"""
import json
import sys

import yaml
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def message_class(pool, name):
    descriptor = pool.FindMessageTypeByName(name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def type_urls(node, found):
    if isinstance(node, dict):
        if "@type" in node:
            found.append(node["@type"])
        for value in node.values():
            type_urls(value, found)
    elif isinstance(node, list):
        for value in node:
            type_urls(value, found)
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    files = descriptor_pb2.FileDescriptorSet()
    with open(sys.argv[1], "rb") as handle:
        files.ParseFromString(handle.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    with open(sys.argv[2], encoding="utf-8") as handle:
        bootstrap = yaml.safe_load(handle)
    message = message_class(pool, "envoy.config.bootstrap.v3.Bootstrap")()
    try:
        json_format.Parse(json.dumps(bootstrap), message, ignore_unknown_fields=False, descriptor_pool=pool)
    except json_format.ParseError as error:
        print(f"INVALID: {error}", file=sys.stderr)
        return 1
    for url in type_urls(bootstrap, []):
        # Parsing already resolved these; list them as evidence of what was checked.
        pool.FindMessageTypeByName(url.split("/", 1)[1])
        print(f"resolved {url}")
    print("VALID")
    return 0


if __name__ == "__main__":
    sys.exit(main())
