#!/usr/bin/env node
// Latency of one .onnx model through ONNX Runtime's CPU build (npm
// onnxruntime-node, installed by install_ort.sh): the yardstick edgebench's
// own runtime is compared against. Sequential execution, every graph
// optimization on, `--threads` intra-op threads; inputs are seeded uniform
// random values of the model's shapes, symbolic dims bound to --batch. Warms
// up, then times runs until both --iterations and --min-time-ms are reached
// (or --max-time-ms passes), and prints one JSON object with the raw samples
// and nearest-rank percentiles, the way edgebench reports its own.
'use strict';

const path = require('path');

function parseArgs(argv) {
  const args = { model: null, threads: 1, batch: 1, warmup: 5, iterations: 20, minTimeMs: 1000, maxTimeMs: 30000,
                 seed: 42 };
  const names = { '--model': 'model', '--threads': 'threads', '--batch': 'batch', '--warmup': 'warmup',
                  '--iterations': 'iterations', '--min-time-ms': 'minTimeMs', '--max-time-ms': 'maxTimeMs',
                  '--seed': 'seed' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) {
      throw new Error(`usage: ort_latency.js --model M.onnx [--threads N] [--batch N] [--warmup N] ` +
                      `[--iterations N] [--min-time-ms MS] [--max-time-ms MS] [--seed N] (bad '${argv[i]}')`);
    }
    args[key] = key === 'model' ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (!args.model) throw new Error('--model is required');
  return args;
}

// splitmix64 (Steele et al. 2014), the generator edgebench seeds its inputs with.
function* splitmix64(seed) {
  let state = BigInt.asUintN(64, BigInt(seed));
  const mask = (1n << 64n) - 1n;
  for (;;) {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    yield z ^ (z >> 31n);
  }
}

function randomTensor(ort, meta, batch, rng) {
  const dims = meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : batch));
  const count = dims.reduce((a, b) => a * b, 1);
  const unit = () => Number(rng.next().value >> 11n) / 2 ** 53;  // [0, 1)
  const arrays = {
    float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array, int32: Int32Array,
  };
  if (meta.type in arrays) {
    const data = new arrays[meta.type](count);
    const [low, high] = meta.type.startsWith('float') ? [-1, 1] : meta.type === 'int8' ? [-128, 128] : [0, 256];
    for (let i = 0; i < count; i++) {
      const v = low + (high - low) * unit();
      data[i] = meta.type.startsWith('float') ? v : Math.floor(v);
    }
    return new ort.Tensor(meta.type, data, dims);
  }
  if (meta.type === 'int64') {
    const data = new BigInt64Array(count);
    for (let i = 0; i < count; i++) data[i] = BigInt(Math.floor(unit() * 2));
    return new ort.Tensor('int64', data, dims);
  }
  throw new Error(`input '${meta.name}': no random fill for type ${meta.type}`);
}

// Nearest rank: the smallest sample with at least p% of samples at or below it.
function percentile(sorted, p) {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

async function main() {
  const args = parseArgs(process.argv);
  const ort = require(path.join(__dirname, 'node_modules', 'onnxruntime-node'));
  const session = await ort.InferenceSession.create(args.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: args.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const rng = splitmix64(args.seed);
  const feeds = {};
  for (const meta of session.inputMetadata) feeds[meta.name] = randomTensor(ort, meta, args.batch, rng);

  for (let i = 0; i < args.warmup; i++) await session.run(feeds);
  const samples = [];
  const start = process.hrtime.bigint();
  for (;;) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / 1e6);
    const elapsedMs = Number(t1 - start) / 1e6;
    if ((samples.length >= args.iterations && elapsedMs >= args.minTimeMs) || elapsedMs >= args.maxTimeMs) break;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(JSON.stringify({
    runtime: 'onnxruntime-node',
    ort_version: ort.env.versions.common,
    model: args.model,
    threads: args.threads,
    batch: args.batch,
    execution_mode: 'sequential',
    graph_optimization_level: 'all',
    warmup_iterations: args.warmup,
    iterations: samples.length,
    latency_ms: {
      p50: percentile(sorted, 50), p90: percentile(sorted, 90), mean, min: sorted[0], max: sorted[sorted.length - 1],
      samples,
    },
  }));
  await session.release();
}

main().catch((e) => {
  console.error(`ort_latency.js: ${e.message}`);
  process.exit(1);
});
