// Times jsonld.js expand and compact on JSON-LD files, offline, and prints per-operation samples as JSON on stdout.
// Usage: node bench.mjs --contexts contexts.json [--warmup N] [--min-warmup-ms N] [--samples N] [--min-sample-ms N] FILE...
// contexts.json maps each context URL to a local file: the same bytes the C# side loads, and never the network.
// Each file is compacted with its own @context, as `dataspace bench jsonld` does.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import jsonld from 'jsonld';

function parseArguments(argv) {
  const settings = { warmup: 5, minWarmupMs: 500, samples: 30, minSampleMs: 20, contexts: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--warmup': settings.warmup = Number(argv[++i]); break;
      case '--min-warmup-ms': settings.minWarmupMs = Number(argv[++i]); break;
      case '--samples': settings.samples = Number(argv[++i]); break;
      case '--min-sample-ms': settings.minSampleMs = Number(argv[++i]); break;
      case '--contexts': settings.contexts = argv[++i]; break;
      default: settings.files.push(argv[i]);
    }
  }
  if (!settings.contexts || settings.files.length === 0) {
    throw new Error('usage: node bench.mjs --contexts contexts.json [--warmup N] [--min-warmup-ms N] [--samples N] [--min-sample-ms N] FILE...');
  }
  return settings;
}

const settings = parseArguments(process.argv.slice(2));
const contexts = new Map(Object.entries(JSON.parse(readFileSync(settings.contexts, 'utf8')))
  .map(([url, path]) => [url, JSON.parse(readFileSync(path, 'utf8'))]));

const documentLoader = async url => {
  const document = contexts.get(url) ?? contexts.get(url.split('#')[0]);
  if (document === undefined) {
    throw new Error(`${url} is not available offline`);
  }
  return { contextUrl: null, documentUrl: url, document };
};

// Same scheme as the C# Measurement: warm-up (a count and a minimum time, so V8 optimises the code), batch size from the
// warm-up time, then timed samples divided by the batch.
async function measure(operation) {
  const warmupStart = performance.now();
  let warmups = 0;
  while (warmups < settings.warmup || performance.now() - warmupStart < settings.minWarmupMs) {
    await operation();
    warmups++;
  }
  const estimate = warmups > 0 ? (performance.now() - warmupStart) / warmups : 0;
  const batch = estimate > 0 ? Math.min(1_000_000, Math.max(1, Math.ceil(settings.minSampleMs / estimate))) : 1;
  const samples = [];
  for (let s = 0; s < settings.samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) {
      await operation();
    }
    samples.push((performance.now() - start) / batch);
  }
  return { operationsPerSample: batch, samples };
}

const version = JSON.parse(readFileSync(new URL('./node_modules/jsonld/package.json', import.meta.url), 'utf8')).version;
const results = [];
for (const file of settings.files) {
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const context = { '@context': document['@context'] };
  // The number of quads shows both processors read the document the same way.
  const nquads = await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader });
  results.push({
    file,
    quads: nquads.split('\n').filter(line => line.length > 0).length,
    expand: await measure(() => jsonld.expand(document, { documentLoader })),
    compact: await measure(() => jsonld.compact(document, context, { documentLoader })),
  });
}

process.stdout.write(JSON.stringify({ jsonld: version, node: process.version, results }));
