// Interop client built on @grpc/grpc-js (an independent gRPC implementation) for the EppOperator transport tests.
// Runs one scenario against --target and prints a single JSON line with what it observed; the C# test asserts on it.
//   node grpc_js_client.js --target 127.0.0.1:PORT [--ca ca.pem] --scenario pingpong|health|oversize|cancel|unimplemented|deadline [--count N] [--tag T]
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseArgs(argv) {
  const args = { count: 10000, payloadSize: 64, tag: 'grpc-js', ca: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    args[key] = argv[i + 1];
  }
  args.count = Number(args.count);
  args.payloadSize = Number(args.payloadSize);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const repoRoot = path.resolve(__dirname, '..', '..');
const definition = protoLoader.loadSync(
  ['eppoperator/interop/v1/echo.proto', 'grpc/health/v1/health.proto'],
  {
    includeDirs: [path.join(__dirname, 'protos'), path.join(repoRoot, 'protos', 'Envoy.Api.Protos')],
    longs: Number,
    enums: Number,
    defaults: true,
  });
const loaded = grpc.loadPackageDefinition(definition);
const credentials = args.ca ? grpc.credentials.createSsl(fs.readFileSync(args.ca)) : grpc.credentials.createInsecure();
const echo = new loaded.eppoperator.interop.v1.Echo(args.target, credentials);
const health = new loaded.grpc.health.v1.Health(args.target, credentials);

function unary(client, method, request, options = {}) {
  return new Promise((resolve) => {
    client[method](request, new grpc.Metadata(), options, (error, response) => {
      resolve(error ? { code: error.code, details: error.details } : { code: 0, response });
    });
  });
}

function payload(size, seed) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (seed + i) & 0xff;
  return bytes;
}

// Opens Chat and returns helpers to send one message and await its answer, plus the call's final status.
function openChat() {
  const call = echo.Chat();
  const waiting = [];
  let status = null;
  const statusPromise = new Promise((resolve) => call.on('status', (s) => { status = s; resolve(s); }));
  call.on('data', (message) => {
    const next = waiting.shift();
    if (next) next.resolve(message);
  });
  call.on('error', () => { while (waiting.length) waiting.shift().resolve(null); });
  call.on('end', () => { while (waiting.length) waiting.shift().resolve(null); });
  return {
    call,
    statusPromise,
    exchange(message) {
      return new Promise((resolve) => {
        if (status) { resolve(null); return; }
        waiting.push({ resolve });
        call.write(message);
      });
    },
  };
}

async function pingpong() {
  const chat = openChat();
  const started = process.hrtime.bigint();
  for (let i = 1; i <= args.count; i++) {
    const sent = payload(args.payloadSize, i);
    const answer = await chat.exchange({ sequence: i, payload: sent, tag: args.tag });
    if (!answer || answer.sequence !== i || !Buffer.from(answer.payload).equals(sent)) {
      chat.call.end();
      const s = await chat.statusPromise;
      return { ok: false, failedAt: i, code: s.code, details: s.details };
    }
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  chat.call.end();
  const s = await chat.statusPromise;
  return { ok: s.code === 0, count: args.count, code: s.code, elapsedMs };
}

function watchStatuses(service, until) {
  return new Promise((resolve) => {
    const seen = [];
    const call = health.Watch({ service });
    call.on('data', (m) => {
      seen.push(m.status);
      if (until(seen)) call.cancel();
    });
    call.on('error', () => {});
    call.on('status', (s) => resolve({ statuses: seen, code: s.code }));
  });
}

async function healthScenario() {
  const overall = await unary(health, 'Check', { service: '' });
  const unknown = await unary(health, 'Check', { service: 'no.such.Service' });
  const watchUnknown = await watchStatuses('no.such.Service', (seen) => seen.length >= 1);
  // The test flips interop.toggle to NOT_SERVING once it sees this watcher.
  const watchToggle = await watchStatuses('interop.toggle', (seen) => seen.includes(2));
  return {
    checkCode: overall.code,
    checkStatus: overall.response ? overall.response.status : null,
    checkUnknownCode: unknown.code,
    watchUnknown: watchUnknown.statuses,
    watchToggle: watchToggle.statuses,
  };
}

async function oversize() {
  const chat = openChat();
  const small = await chat.exchange({ sequence: 1, payload: payload(16, 1) });
  chat.call.write({ sequence: 2, payload: payload(5 * 1024 * 1024, 2) });
  const s = await chat.statusPromise;
  // The server must keep serving: a new call on the same channel succeeds.
  const after = await unary(echo, 'Unary', { sequence: 3, payload: payload(16, 3) });
  return { firstAnswered: small !== null, code: s.code, details: s.details, afterCode: after.code };
}

async function cancel() {
  const chat = openChat();
  let answered = 0;
  for (let i = 1; i <= 3; i++) {
    if (await chat.exchange({ sequence: i, payload: payload(16, i), tag: args.tag })) answered++;
  }
  chat.call.cancel();
  const s = await chat.statusPromise;
  return { answered, code: s.code };
}

async function unimplemented() {
  const client = new grpc.Client(args.target, credentials);
  const call = (method) => new Promise((resolve) => {
    client.makeUnaryRequest(method, (x) => x, (x) => x, Buffer.alloc(0), (error) => resolve(error ? error.code : 0));
  });
  return {
    unknownMethodCode: await call('/eppoperator.interop.v1.Echo/Missing'),
    unknownServiceCode: await call('/no.such.Service/Method'),
  };
}

async function deadline() {
  const result = await unary(echo, 'Unary', { sequence: 1, delayMs: 30000, tag: args.tag }, { deadline: Date.now() + 500 });
  return { code: result.code, details: result.details };
}

const scenarios = { pingpong, health: healthScenario, oversize, cancel, unimplemented, deadline };

(async () => {
  const scenario = scenarios[args.scenario];
  if (!scenario) {
    console.error(`unknown scenario ${args.scenario}`);
    process.exit(2);
  }
  const result = await scenario();
  console.log(JSON.stringify(result));
  echo.close();
  health.close();
  process.exit(0);
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
