// Interop client for the EPP's ext_proc service, built on @grpc/grpc-js with its own copy of the message
// definitions (loaded by @grpc/proto-loader from protos/Envoy.Api.Protos). It plays Envoy in FULL_DUPLEX_STREAMED
// mode: one whole HTTP exchange (request headers, a body split mid-string, an SSE response whose usage line is
// split across chunks, trailers), then prints one JSON line with what came back for the C# test to assert on.
//   node extproc-client.mjs --target 127.0.0.1:PORT [--model NAME] [--subset ip:port,...]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { model: 'food-review', subset: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];

const definition = protoLoader.loadSync('envoy/service/ext_proc/v3/external_processor.proto', {
  includeDirs: [path.resolve(here, '..', '..', 'protos', 'Envoy.Api.Protos')],
  keepCase: true, // field names exactly as in the .proto files, as Envoy's C++ code sees them
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
});
const extProc = grpc.loadPackageDefinition(definition).envoy.service.ext_proc.v3;
const client = new extProc.ExternalProcessor(args.target, grpc.credentials.createInsecure());

const raw = (key, value) => ({ key, raw_value: Buffer.from(value, 'utf8') });
// google.protobuf.Struct/Value come from protobufjs' bundled definitions, whose field names are camelCase even with
// keepCase (which applies to the .proto files parsed here). The wire bytes are the same either way.
const strings = (list) => ({ listValue: { values: list.map((s) => ({ stringValue: s })) } });
const subset = args.subset ? args.subset.split(',') : null;
const requestMetadata = subset
  ? { filter_metadata: { 'envoy.lb.subset_hint': { fields: { 'x-gateway-destination-endpoint-subset': strings(subset) } } } }
  : undefined;

const body = JSON.stringify({ model: args.model, messages: [{ role: 'user', content: 'Summarise the review in one word.' }], stream: true });
const split = body.indexOf(args.model) + 3; // cut inside the model name, as a proxy's buffer boundary may
const sse = [
  'data: {"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"delta":{"content":"Good"}}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":13,"completion_',
  'tokens":1,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":8}}}\n\ndata: [DONE]\n\n',
];

const messages = [
  {
    request_headers: {
      headers: { headers: [raw(':method', 'POST'), raw(':path', '/v1/chat/completions?trace=1'), raw('content-type', 'application/json'), raw('x-request-id', 'interop-1')] },
      end_of_stream: false,
    },
    metadata_context: requestMetadata,
    protocol_config: { request_body_mode: 'FULL_DUPLEX_STREAMED', response_body_mode: 'FULL_DUPLEX_STREAMED' },
  },
  { request_body: { body: Buffer.from(body.slice(0, split)), end_of_stream: false }, metadata_context: requestMetadata },
  { request_body: { body: Buffer.from(body.slice(split)), end_of_stream: true }, metadata_context: requestMetadata },
  'await-request-replies',
  {
    response_headers: { headers: { headers: [raw(':status', '200'), raw('content-type', 'text/event-stream')] }, end_of_stream: false },
    metadata_context: { filter_metadata: { 'envoy.lb': { fields: { 'x-gateway-destination-endpoint-served': { stringValue: '__SERVED__' } } } } },
  },
  ...sse.map((chunk) => ({ response_body: { body: Buffer.from(chunk), end_of_stream: false } })),
  { response_trailers: { trailers: { headers: [] } } },
];

const replies = [];
const call = client.Process();
let waiter = null;
call.on('data', (reply) => {
  replies.push(reply);
  if (waiter && replies.length >= waiter.count) { const w = waiter; waiter = null; w.resolve(); }
});
const status = new Promise((resolve) => call.on('status', resolve));
call.on('error', () => {});
const repliesReach = (count) => new Promise((resolve, reject) => {
  if (replies.length >= count) { resolve(); return; }
  const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} replies, have ${replies.length}`)), 20000);
  waiter = { count, resolve: () => { clearTimeout(timer); resolve(); } };
});

const headerMap = (mutation) => Object.fromEntries((mutation?.set_headers ?? []).map((h) => [h.header.key, {
  raw: h.header.raw_value ? h.header.raw_value.toString('utf8') : '',
  value: h.header.value ?? '',
}]));

try {
  let served = '';
  for (const message of messages) {
    if (message === 'await-request-replies') {
      await repliesReach(2);
      served = headerMap(replies[0].request_headers?.response?.header_mutation)['x-gateway-destination-endpoint']?.raw ?? '';
      continue;
    }
    if (message.metadata_context?.filter_metadata?.['envoy.lb']) {
      message.metadata_context.filter_metadata['envoy.lb'].fields['x-gateway-destination-endpoint-served'].stringValue = served;
    }
    call.write(message);
  }
  await repliesReach(2 + 1 + sse.length + 1);
  call.end();
  const final = await status;

  const headersReply = replies[0];
  const forwarded = replies.slice(1, 2).map((r) => r.request_body.response.body_mutation.streamed_response);
  const echoed = replies.slice(3, 3 + sse.length).map((r) => r.response_body.response.body_mutation.streamed_response);
  console.log(JSON.stringify({
    status: final.code,
    replyKinds: replies.map((r) => r.response),
    clearRouteCache: headersReply.request_headers.response.clear_route_cache === true,
    requestHeaders: headerMap(headersReply.request_headers.response.header_mutation),
    metadataDestination: headersReply.dynamic_metadata?.fields?.['envoy.lb']?.structValue?.fields?.['x-gateway-destination-endpoint']?.stringValue ?? null,
    forwardedBody: forwarded.map((p) => p.body.toString('utf8')).join(''),
    forwardedEndOfStream: forwarded.at(-1).end_of_stream === true,
    responseHeaders: headerMap(replies[2].response_headers.response.header_mutation),
    echoedBodies: echoed.map((p) => p.body.toString('utf8')),
    echoedEndOfStream: echoed.map((p) => p.end_of_stream === true),
    sentBody: body,
    sentSse: sse,
  }));
  client.close();
} catch (error) {
  console.log(JSON.stringify({ error: String(error), replies: replies.length }));
  client.close();
  process.exitCode = 1;
}
