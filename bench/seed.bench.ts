import { PutObjectCommand } from '@aws-sdk/client-s3';
import { encodeFeedbackBucket } from '../functions/lake/write-feedback-bucket.js';
import { generateRatings, type SeedRating } from '../functions/seed/generate-ratings.js';
import { loadDemoCity } from '../functions/seed/load-demo-city.js';
import type { SeedStep } from '../functions/seed/seed-progress.js';
import { dayBucketId } from '../functions/seed/write-rating-history.js';
import { rawFeedbackKey } from '../functions/shared/lake-layout.js';
import { silentLogger } from '../functions/shared/logger.js';
import { startTestStack } from '../test/support/test-stack.js';
import type { BenchFigure, Benchmark } from './bench-result.js';

/** Ratings of the benchmark at scale 1. */
const RATINGS = 1_000_000;

/** The seed's rating history without S3: generate, group by day, encode (the export's encoder). */
function generateAndEncode(count: number, today: Date): Map<string, Buffer> {
  const encoded = new Map<string, Buffer>();
  const pending = new Map<string, SeedRating[]>();
  const flushBefore = (day: string) => {
    for (const [d, list] of [...pending].sort(([a], [b]) => a.localeCompare(b))) {
      if (d >= day) break;
      encoded.set(dayBucketId(d), encodeFeedbackBucket(list));
      pending.delete(d);
    }
  };
  for (const chunk of generateRatings({ today, count, chunkSize: 5000 })) {
    for (const r of chunk) {
      const day = r.received_at.slice(0, 10);
      const list = pending.get(day) ?? [];
      list.push(r);
      pending.set(day, list);
    }
    const last = chunk[chunk.length - 1];
    if (last) flushBefore(last.collected_at.slice(0, 10));
  }
  flushBefore('9999');
  return encoded;
}

/**
 * Seeding throughput: the whole demo city with 1M ratings (`loadDemoCity` on the embedded
 * servers: metrics through the ingest path, the history into the lake, the last day through the
 * bulk import), against baselines measured in the same run — the same ratings generated and
 * encoded without S3, and bare PutObject calls of those same bytes (4 at a time, as the seed).
 */
export const seedBenchmark: Benchmark = {
  name: 'seed',
  async run({ scale, log }) {
    const count = Math.max(10_000, Math.round(RATINGS * scale));
    const today = new Date();

    let started = performance.now();
    const encoded = generateAndEncode(count, today);
    const encodeSeconds = (performance.now() - started) / 1000;
    const bytes = [...encoded.values()].reduce((a, b) => a + b.length, 0);
    log(
      `generate + encode ${count.toLocaleString('en-US')} ratings: ${encodeSeconds.toFixed(1)} s, ${encoded.size} day buckets, ${(bytes / 1e6).toFixed(1)} MB gzip`,
    );

    const bare = await startTestStack();
    let putSeconds: number;
    try {
      const entries = [...encoded];
      let next = 0;
      started = performance.now();
      const worker = async () => {
        while (next < entries.length) {
          const [bucketId, body] = entries[next++] as [string, Buffer];
          await bare.clients.s3.send(
            new PutObjectCommand({
              Bucket: bare.config.lakeBucket,
              Key: rawFeedbackKey(bucketId),
              Body: body,
              ContentType: 'application/gzip',
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      putSeconds = (performance.now() - started) / 1000;
    } finally {
      await bare.close();
    }
    log(`bare PutObject of the same bytes: ${putSeconds.toFixed(1)} s`);

    const stack = await startTestStack();
    const stepStarted = new Map<SeedStep, number>();
    let seedSeconds: number;
    try {
      started = performance.now();
      const result = await loadDemoCity(
        {
          doc: stack.clients.doc,
          s3: stack.clients.s3,
          config: stack.config,
          now: () => new Date(),
          logger: silentLogger,
        },
        {
          ratings: count,
          today,
          onProgress: (p) => {
            if (!stepStarted.has(p.step)) stepStarted.set(p.step, performance.now());
          },
        },
      );
      seedSeconds = (performance.now() - started) / 1000;
      if (result.status !== 'seeded') throw new Error('the benchmark stack was already seeded');
      log(
        `seed: ${seedSeconds.toFixed(1)} s (${result.summary.ratings.historyBuckets} buckets, ${result.summary.ratings.recent} ratings through the bulk import)`,
      );
    } finally {
      await stack.close();
    }
    const end = performance.now();
    const at = (step: SeedStep) => stepStarted.get(step) ?? end;
    const metricsSeconds = (at('ratings') - at('metrics')) / 1000;
    const historySeconds = (at('recent') - at('ratings')) / 1000;
    log(`  metrics ${metricsSeconds.toFixed(1)} s, ratings ${historySeconds.toFixed(1)} s`);

    const figures: BenchFigure[] = [
      {
        name: `seed, end to end (${count.toLocaleString('en-US')} ratings + metrics)`,
        unit: 'ratings/s',
        value: count / seedSeconds,
        baseline: { name: 'generate + encode only, no S3', value: count / encodeSeconds },
        ratio: encodeSeconds / seedSeconds,
      },
      {
        name: 'seed, rating history into the lake',
        unit: 'ratings/s',
        value: count / historySeconds,
        baseline: {
          name: 'generate + encode, then bare PutObject of the same bytes',
          value: count / (encodeSeconds + putSeconds),
        },
        ratio: (encodeSeconds + putSeconds) / historySeconds,
      },
    ];
    return figures;
  },
};
