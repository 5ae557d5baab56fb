import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeResult } from '../../../functions/compute/compute-indicators.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import type { FeedbackRecord } from '../../../functions/lake/feedback-record.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import { ARTICLE_FIGURES, summarizeCity } from '../../../functions/seed/city-summary.js';
import {
  type DemoCity,
  generateCity,
  SEED_DATASET_ORDER,
} from '../../../functions/seed/generate-city.js';
import { generateRatings } from '../../../functions/seed/generate-ratings.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import {
  cell,
  publishedDocument,
  runCompute,
  writeBucket,
  writeMetricBatch,
} from './compute-fixtures.js';

/** The demo city's generation instant, and the moment its metrics were loaded and computed. */
const TODAY = new Date('2026-11-15T15:00:00.000Z');
const RATINGS = 20_000;

let stack: TestStack;
let city: DemoCity;
let indicators: IndicatorDefinition[];
let result: ComputeResult;

const doc = async (id: string): Promise<IndicatorDocument> => {
  const document = await publishedDocument(stack, id);
  if (!document) throw new Error(`${id} was not published`);
  return document;
};
const total = (document: IndicatorDocument, period: string) =>
  cell(document, period)?.value as number;
const sumOfMonthlyTotals = (document: IndicatorDocument) =>
  document.data
    .filter((row) => document.indicator.dimensions.every((d) => row[d] === '_T'))
    .reduce((sum, row) => sum + (row.value ?? Number.NaN), 0);
const within3Percent = (actual: number, target: number) =>
  expect(Math.abs(actual - target) / target).toBeLessThanOrEqual(0.03);

beforeAll(async () => {
  stack = await startTestStack();
  indicators = await loadIndicators('queries', { minCellFloor: 10 });
  city = generateCity({ today: TODAY });
  // Metric batches as the ingest writes them, loaded today (snapshots are as of this month).
  for (const dataset of SEED_DATASET_ORDER) {
    await writeMetricBatch(
      stack,
      dataset,
      city.datasets[dataset] as unknown as Record<string, unknown>[],
      {
        activatedAt: TODAY.toISOString(),
      },
    );
  }
  // The rating history through the export's writer, one bucket per month of receipt.
  const byBucket = new Map<string, FeedbackRecord[]>();
  for (const chunk of generateRatings({ today: TODAY, count: RATINGS, chunkSize: 5000 })) {
    for (const r of chunk) {
      const bucketId = `${r.received_at.slice(0, 7).replace('-', '')}01T000000Z`;
      const list = byBucket.get(bucketId) ?? [];
      list.push(r);
      byBucket.set(bucketId, list);
    }
  }
  for (const [bucketId, records] of byBucket) await writeBucket(stack, bucketId, records);
  result = await runCompute(stack, indicators, {
    now: TODAY,
    registry: await loadDimensionRegistry('queries/dimensions.yaml'),
    duckdb: { threads: 2, memoryLimit: '1GB' },
  });
});
afterAll(async () => stack.close());

describe('the demo city', () => {
  it('publishes every indicator, its declared tests passing', () => {
    expect(result.outcomes.filter((o) => o.status !== 'published')).toEqual([]);
    expect(result.outcomes).toHaveLength(indicators.length);
  });

  it("reproduces the city's headline figures within 3%", async () => {
    const summary = summarizeCity(city);
    const current = city.calendar.currentMonth;
    const latestFull = city.asOf;

    const share = total(await doc('digital-services-share'), current);
    const hotspots = total(await doc('wifi-hotspots'), current);
    const vulnerable = total(await doc('wifi-vulnerable-share'), current);
    const reach = total(await doc('wifi-reach'), latestFull);
    const devices = sumOfMonthlyTotals(await doc('devices-donated'));
    const telecentros = total(await doc('telecentros'), current);
    const certified = sumOfMonthlyTotals(await doc('digital-skills-certified'));
    const women = total(await doc('women-share-certified'), latestFull);

    // The published figures are the generator's own figures…
    expect(share).toBeCloseTo(summary.fullyDigitalSharePercent, 1);
    expect(hotspots).toBe(summary.hotspots);
    expect(vulnerable).toBeCloseTo(summary.vulnerableSharePercent, 1);
    expect(reach).toBe(summary.reachLatestMonth);
    expect(devices).toBe(summary.devicesDonated);
    expect(telecentros).toBe(summary.telecentros);
    expect(certified).toBe(summary.certified);
    expect(women).toBeCloseTo(summary.womenSharePercent, 1);
    // …and the city's published headline numbers, within 3%.
    within3Percent(share, ARTICLE_FIGURES.fullyDigitalSharePercent);
    within3Percent(hotspots, ARTICLE_FIGURES.hotspots);
    within3Percent(vulnerable, ARTICLE_FIGURES.vulnerableSharePercent);
    within3Percent(reach, ARTICLE_FIGURES.reachLatestMonth);
    within3Percent(devices, ARTICLE_FIGURES.devicesDonated);
    within3Percent(telecentros, ARTICLE_FIGURES.telecentros);
    within3Percent(certified, ARTICLE_FIGURES.certified);
    within3Percent(women, ARTICLE_FIGURES.womenSharePercent);
  });

  it('counts every rating once, and suppresses the small cells', async () => {
    const volume = await doc('feedback-volume');
    expect(sumOfMonthlyTotals(volume)).toBe(RATINGS);
    const satisfaction = await doc('user-satisfaction');
    expect(satisfaction.data.some((row) => row.status === 'C')).toBe(true);
    expect(satisfaction.receipt.privacy.suppressedPrimary).toBeGreaterThan(0);
  });
});
