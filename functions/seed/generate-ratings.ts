import {
  CHANNELS,
  type Channel,
  type Outcome,
  REASONS,
  REGIONS,
  type Reason,
  type Region,
} from '../shared/vocabulary.js';
import { channelShares } from './channel-mix.js';
import { POPULATION_WEIGHTS } from './city-geography.js';
import {
  generateServiceCatalogue,
  REDESIGNED_SERVICE_ID,
  redesignMonth,
} from './generate-services.js';
import { createIsoFormatter } from './iso-time.js';
import { apportion, createRandom } from './prng.js';
import {
  COMMENT_SHARE,
  COMMENTS,
  COMPLETED_BY_RATING,
  FAILED_SHARE,
  NOT_ELIGIBLE_SHARE,
  REASON_SHARE,
  REASON_WEIGHTS,
} from './rating-texture.js';
import {
  DEFAULT_SEED_TIMEZONE,
  monthStartMs,
  type SeedCalendar,
  seedCalendar,
  timezoneOffsetMs,
} from './seed-calendar.js';
import { DEFAULT_SEED } from './seed-options.js';

/** One synthetic rating with the lake's feedback columns. */
export interface SeedRating {
  /** Deterministic id, `seed-<n>` (n from 1). */
  readonly id: string;
  readonly service_id: string;
  /** 1–5. */
  readonly rating: number;
  readonly outcome: Outcome;
  readonly channel: Channel;
  readonly region: Region | null;
  readonly reason: Reason | null;
  readonly comment: string | null;
  /** When the server received it (UTC ISO); offline collections arrive hours later. */
  readonly received_at: string;
  /** When the citizen gave it (UTC ISO); ratings come in this order. */
  readonly collected_at: string;
  /** Month of `collected_at` in the city's time zone. */
  readonly month: string;
}

/** Options of the ratings generator. */
export interface RatingsOptions {
  /** Random seed (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** The instant the city is generated for; ratings run up to it. */
  readonly today: Date;
  /** The city's time zone (default America/Sao_Paulo). */
  readonly timezone?: string;
  /** How many ratings (default 200,000). */
  readonly count?: number;
  /**
   * Ratings per yielded chunk (default 1,000: small chunks die young, which keeps the garbage
   * collector cheap); the sequence of ratings doesn't depend on it.
   */
  readonly chunkSize?: number;
}

/** Default number of ratings of the demo city. */
export const DEFAULT_RATINGS = 200_000;
/** Default number of ratings per yielded chunk. */
export const DEFAULT_RATINGS_CHUNK = 1000;

/** How the ratings spread over the months. */
export interface RatingsPlan {
  readonly calendar: SeedCalendar;
  readonly redesign: { readonly serviceId: string; readonly month: string };
  readonly months: readonly {
    readonly month: string;
    readonly startMs: number;
    readonly endMs: number;
    readonly count: number;
  }[];
  readonly total: number;
}

/**
 * How `count` ratings spread over the 24 full months and the current one (up to `today`):
 * volume rises by 60% over the period; the current month gets its elapsed share.
 */
export function planRatings(options: RatingsOptions): RatingsPlan {
  const calendar = seedCalendar(options.today, options.timezone ?? DEFAULT_SEED_TIMEZONE);
  const total = options.count ?? DEFAULT_RATINGS;
  const todayMs = options.today.getTime();
  const n = calendar.months.length;
  const bounds = calendar.months.map((month, t) => {
    const startMs = monthStartMs(month, calendar.timezone);
    const endMs =
      t === n - 1 ? todayMs : monthStartMs(calendar.months[t + 1] as string, calendar.timezone);
    return { month, startMs, endMs };
  });
  const weights = bounds.map((b, t) => {
    const growth = 1 + 0.6 * (t / (n - 1));
    if (t < n - 1) return growth;
    const fullLength = monthStartMs(addOneMonth(b.month), calendar.timezone) - b.startMs;
    return growth * Math.max(0, (b.endMs - b.startMs) / fullLength);
  });
  const counts = apportion(total, weights);
  return {
    calendar,
    redesign: { serviceId: REDESIGNED_SERVICE_ID, month: redesignMonth(calendar) },
    months: bounds.map((b, t) => ({ ...b, count: counts[t] as number })),
    total,
  };
}

function addOneMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Relative activity per local hour (night is quiet, late morning and evening are busy). */
const HOURLY_ACTIVITY = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 1.5, 2.5, 3.2, 3.5, 3.4, 3.0, 3.2, 3.4, 3.3, 3.0, 2.8, 2.9,
  3.2, 3.0, 2.2, 1.2, 0.5,
];
/** Propensity to rate after using each channel (the web and the app ask for it). */
const RATING_PROPENSITY = [1.0, 1.2, 0.6, 0.3, 0.3];
/** Shift of the mean rating by channel (assisted use at telecentros goes well; phone less). */
const CHANNEL_EFFECT = [0, 0.1, 0.15, -0.3, -0.05];
/** Share of ratings without a region. */
const NO_REGION_SHARE = 0.15;
/** Share of telecentro and in-person ratings collected offline and sent later. */
const OFFLINE_SHARE = 0.3;

/** Inverse CDF of the time of day, sampled at 1,441 points (piecewise linear, monotonic). */
function timeOfDayTable(): Float64Array {
  const steps = 1440;
  const density = Array.from(
    { length: steps },
    (_, i) => HOURLY_ACTIVITY[Math.floor(i / 60)] as number,
  );
  const cdf = new Float64Array(steps + 1);
  for (let i = 0; i < steps; i++) cdf[i + 1] = (cdf[i] as number) + (density[i] as number);
  const total = cdf[steps] as number;
  const table = new Float64Array(steps + 1);
  let j = 0;
  for (let q = 0; q <= steps; q++) {
    const target = (q / steps) * total;
    while (j < steps - 1 && (cdf[j + 1] as number) < target) j++;
    const lo = cdf[j] as number;
    const hi = cdf[j + 1] as number;
    table[q] = (j + (hi > lo ? (target - lo) / (hi - lo) : 0)) / steps;
  }
  table[steps] = 1 - 1e-9;
  return table;
}

function normalCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

const MEAN_STEPS = 101;
const MEAN_MIN = 0.5;
const MEAN_STEP = 0.05;

/** Cumulative P(rating ≤ k) for k = 1…4 per quantized latent mean (a discretized normal). */
function ratingTables(): Float64Array {
  const tables = new Float64Array(MEAN_STEPS * 4);
  for (let s = 0; s < MEAN_STEPS; s++) {
    const mean = MEAN_MIN + s * MEAN_STEP;
    for (let k = 1; k <= 4; k++) tables[s * 4 + k - 1] = normalCdf((k + 0.5 - mean) / 1.05);
  }
  return tables;
}

/** Vose's alias table for sampling an index with probability proportional to `weights`. */
function aliasTable(weights: readonly number[]): { prob: Float64Array; alias: Int32Array } {
  const n = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / sum);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => {
    (p < 1 ? small : large).push(i);
  });
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { prob, alias };
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / sum;
    out[i] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

/**
 * Generates the demo city's ratings, in order of `collected_at`, as chunks (so 10,000,000+
 * ratings never sit in memory at once). Texture: services used (and rated) by popularity;
 * channels follow digital take-up; a few services are clearly worse rated (`svc-0003`,
 * `svc-0006` and about 4% of the rest); the redesigned service `svc-0002` goes from poor to
 * good ratings and completion in its redesign month (`REDESIGN_MONTHS_AGO` months before the
 * current one); small services get only a handful of ratings, so cells below `min_cell`
 * exist; reasons in 75%, short comments without personal data in about 2.5%; outcomes follow
 * the rating. Deterministic for (seed, today, timezone, count); independent of `chunkSize`.
 */
export function* generateRatings(
  options: RatingsOptions,
): Generator<SeedRating[], void, undefined> {
  const seed = options.seed ?? DEFAULT_SEED;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_RATINGS_CHUNK));
  const plan = planRatings(options);
  const { timezone } = plan.calendar;
  const todayMs = options.today.getTime();
  const random = createRandom(seed, 'ratings');
  const next = random.next;

  const catalogue = generateServiceCatalogue(seed);
  const serviceIds = catalogue.map((s) => s.row.service_id);
  const levelIndex = catalogue.map((s) =>
    s.row.service_id === REDESIGNED_SERVICE_ID
      ? 3
      : s.row.digital_level === 'full'
        ? 0
        : s.row.digital_level === 'partial'
          ? 1
          : 2,
  );
  const quality = Float64Array.from(catalogue, (s) => s.quality);
  const levelWeight = [1, 0.6, 0.3, 1];
  const { prob, alias } = aliasTable(
    catalogue.map((s, i) => s.popularity * (levelWeight[levelIndex[i] as number] as number)),
  );
  const serviceCount = catalogue.length;
  const redesignIndex = plan.calendar.months.indexOf(plan.redesign.month);

  const regionCum = cumulative(POPULATION_WEIGHTS);
  const reasonCum = {
    low: cumulative(REASON_WEIGHTS.low),
    middle: cumulative(REASON_WEIGHTS.middle),
    high: cumulative(REASON_WEIGHTS.high),
  };
  const ratingCum = ratingTables();
  const timeTable = timeOfDayTable();
  const isoCollected = createIsoFormatter();
  const isoReceived = createIsoFormatter();
  const monthsCount = plan.months.length;

  let chunk: SeedRating[] = [];
  let n = 0;
  for (let t = 0; t < monthsCount; t++) {
    const { month, startMs, endMs, count } = plan.months[t] as RatingsPlan['months'][number];
    if (count === 0) continue;
    const progress = t / (monthsCount - 1);
    // Channel cumulative weights per level (full, partial, none, redesigned service).
    const channelCum = [0, 1, 2, 3].map((level) => {
      const shares = channelShares(
        level === 3 ? 'full' : level === 0 ? 'full' : level === 1 ? 'partial' : 'none',
        t,
        monthsCount,
        level === 3 ? { redesignMonthIndex: redesignIndex } : {},
      );
      return cumulative(shares.map((s, c) => s * (RATING_PROPENSITY[c] as number)));
    });
    const baseMean = 3.95 + 0.15 * progress;
    const redesignShift = t >= redesignIndex ? 0.25 : -1.5;
    const offset = timezoneOffsetMs(startMs, timezone);
    const todayLocalDay = Math.floor((todayMs + offset) / DAY_MS);
    const span = endMs - startMs;
    for (let k = 0; k < count; k++) {
      // Service (alias method), channel, region.
      const slot = Math.floor(next() * serviceCount);
      const s = next() < (prob[slot] as number) ? slot : (alias[slot] as number);
      const level = levelIndex[s] as number;
      const cc = channelCum[level] as Float64Array;
      const xc = next();
      let c = 0;
      while (c < 4 && xc >= (cc[c] as number)) c++;
      const xr = next();
      let region: Region | null = null;
      if (xr >= NO_REGION_SHARE) {
        const y = (xr - NO_REGION_SHARE) / (1 - NO_REGION_SHARE);
        let r = 0;
        while (r < 8 && y >= (regionCum[r] as number)) r++;
        region = REGIONS[r] as Region;
      }
      // Rating from the latent mean.
      let mean = baseMean + (quality[s] as number) + (CHANNEL_EFFECT[c] as number);
      if (level === 3) mean += redesignShift;
      let step = Math.round((mean - MEAN_MIN) / MEAN_STEP);
      step = step < 0 ? 0 : step >= MEAN_STEPS ? MEAN_STEPS - 1 : step;
      const xv = next();
      let rating = 1;
      while (rating < 5 && xv >= (ratingCum[step * 4 + rating - 1] as number)) rating++;
      // Outcome, reason, comment.
      const xo = next();
      let outcome: Outcome;
      if (xo < NOT_ELIGIBLE_SHARE) outcome = 'not_eligible';
      else {
        const y = (xo - NOT_ELIGIBLE_SHARE) / (1 - NOT_ELIGIBLE_SHARE);
        const completed = COMPLETED_BY_RATING[rating - 1] as number;
        if (y < completed) outcome = 'completed';
        else outcome = (y - completed) / (1 - completed) < FAILED_SHARE ? 'failed' : 'gave_up';
      }
      const band = rating <= 2 ? 'low' : rating === 3 ? 'middle' : 'high';
      const xq = next();
      let reason: Reason | null = null;
      if (xq < REASON_SHARE) {
        const y = xq / REASON_SHARE;
        const cum = reasonCum[band];
        let q = 0;
        while (q < 6 && y >= (cum[q] as number)) q++;
        reason = REASONS[q] as Reason;
      }
      const xm = next();
      const commentShare = COMMENT_SHARE[band];
      let comment: string | null = null;
      if (xm < commentShare) {
        const list = COMMENTS[band];
        comment = list[Math.floor((xm / commentShare) * list.length)] as string;
      }
      // Collected at: stratified through the month, warped to the daily rhythm.
      const base = startMs + ((k + next()) * span) / count;
      const local = base + offset;
      const localDay = Math.floor(local / DAY_MS);
      let collected = base;
      if (localDay < todayLocalDay) {
        const pos = ((local - localDay * DAY_MS) / DAY_MS) * 1440;
        const j = Math.floor(pos);
        const lo = timeTable[j] as number;
        const frac = lo + (pos - j) * ((timeTable[j + 1] as number) - lo);
        collected = localDay * DAY_MS + frac * DAY_MS - offset;
      }
      let collectedMs = Math.floor(collected);
      if (collectedMs < startMs) collectedMs = startMs;
      else if (collectedMs >= endMs) collectedMs = endMs - 1;
      // Received at: seconds later online; hours later for offline collections.
      const xd = next();
      let delay: number;
      if ((c === 2 || c === 4) && xd < OFFLINE_SHARE)
        delay = 3_600_000 + (xd / OFFLINE_SHARE) * 47 * 3_600_000;
      else delay = 150 + xd * 4_850;
      let receivedMs = collectedMs + Math.floor(delay);
      if (receivedMs > todayMs) receivedMs = todayMs;
      n++;
      chunk.push({
        id: `seed-${n}`,
        service_id: serviceIds[s] as string,
        rating,
        outcome,
        channel: CHANNELS[c] as Channel,
        region,
        reason,
        comment,
        received_at: isoReceived(receivedMs),
        collected_at: isoCollected(collectedMs),
        month,
      });
      if (chunk.length === chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
