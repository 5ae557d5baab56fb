import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { apiBenchmark } from './api.bench.js';
import type { BenchFigure, Benchmark } from './bench-result.js';
import { bundlesBenchmark } from './bundles.bench.js';
import { computeBenchmark } from './compute.bench.js';
import { feedbackBenchmark } from './feedback.bench.js';
import { queryBenchmark } from './query.bench.js';
import { seedBenchmark } from './seed.bench.js';

/** Every benchmark of `npm run bench`, in order. Later issues add theirs here. */
const benchmarks: Benchmark[] = [
  computeBenchmark,
  feedbackBenchmark,
  queryBenchmark,
  apiBenchmark,
  seedBenchmark,
  bundlesBenchmark,
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    scale: { type: 'string', default: '1' },
  },
});

const log = (line: string) => console.log(line);
const results: Record<string, BenchFigure[]> = {};
for (const bench of benchmarks) {
  if (values.only && !bench.name.includes(values.only)) continue;
  log(`\n## ${bench.name}`);
  const figures = await bench.run({ scale: Number(values.scale), log });
  results[bench.name] = figures;
  for (const f of figures) {
    const base = f.baseline
      ? `  baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}`
      : '';
    const ratio = f.ratio !== undefined ? `  ratio ${f.ratio.toFixed(2)}` : '';
    const goal = f.goal ? `  goal ${f.goal} ${f.pass ? 'PASS' : 'MISS'}` : '';
    log(`${f.name}: ${fmt(f.value)} ${f.unit}${base}${ratio}${goal}`);
  }
}
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
log('\nResults written to bench/results/latest.json');

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}
