// Ping-pong latency of @grpc/grpc-js against the EppOperator transport, used by the `grpc` benchmark
// (sim/EppOperator.Benchmarks/Grpc). Sends ext_proc ProcessingRequest messages (request headers, as Envoy sends
// them) on one bidirectional stream, one at a time, and prints one JSON line of latency percentiles.
//   node grpc_js_bench.js --target 127.0.0.1:PORT --count N --warmup W
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const args = { count: 20000, warmup: 2000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
const count = Number(args.count);
const warmup = Number(args.warmup);

const definition = protoLoader.loadSync('envoy/service/ext_proc/v3/external_processor.proto', {
  includeDirs: [path.resolve(__dirname, '..', '..', 'protos', 'Envoy.Api.Protos')],
  keepCase: true,
  longs: Number,
  enums: Number,
});
const ExternalProcessor = grpc.loadPackageDefinition(definition).envoy.service.ext_proc.v3.ExternalProcessor;
const client = new ExternalProcessor(args.target, grpc.credentials.createInsecure());

const request = {
  request_headers: {
    headers: {
      headers: [
        { key: ':method', raw_value: Buffer.from('POST') },
        { key: ':path', raw_value: Buffer.from('/v1/chat/completions') },
        { key: ':authority', raw_value: Buffer.from('gateway.example') },
        { key: 'content-type', raw_value: Buffer.from('application/json') },
        { key: 'x-request-id', raw_value: Buffer.from('2c1d6a8e-6f0e-4d7e-9a53-0d1c0e6b8f11') },
      ],
    },
    end_of_stream: false,
  },
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const call = client.Process();
let pending = null;
call.on('data', () => { const resolve = pending; pending = null; if (resolve) resolve(); });
call.on('error', (error) => { console.error(error.message); process.exit(1); });

function exchange() {
  return new Promise((resolve) => { pending = resolve; call.write(request); });
}

(async () => {
  for (let i = 0; i < warmup; i++) await exchange();
  const latencies = new Float64Array(count);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await exchange();
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  call.end();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(JSON.stringify({
    count,
    p50Us: percentile(sorted, 50),
    p90Us: percentile(sorted, 90),
    p99Us: percentile(sorted, 99),
    meanUs: mean,
    messagesPerSecond: count / elapsedSeconds,
  }));
  client.close();
  process.exit(0);
})();
