import {
  type LoadDemoCityOptions,
  loadDemoCity,
  type SeedSummary,
} from '../functions/seed/load-demo-city.js';
import { SeedRefusedError } from '../functions/seed/seed-progress.js';
import type { Logger } from '../functions/shared/logger.js';
import type { LocalStack } from './local-stack.js';
import { type BarStream, createSeedProgressBar } from './seed-progress-bar.js';

/** The stack to seed: its clients and configuration. */
export type SeedTarget = Pick<LocalStack, 'clients' | 'config'>;

/** Options of {@link seedLocalStack}. */
export interface SeedLocalStackOptions {
  readonly print: (line: string) => void;
  readonly logger: Logger;
  /** The running API, printed at the end. */
  readonly apiUrl?: string | undefined;
  /** Ratings to generate (default 200,000). */
  readonly ratings?: number | undefined;
  readonly seed?: number | undefined;
  readonly today?: Date | undefined;
  /** Where the progress bar is drawn (default stdout; a plain line per step when not a TTY). */
  readonly stream?: BarStream | undefined;
}

/** What `mirante dev` records in `.mirante/seeded.json`. */
export type SeedLocalStackSummary =
  | ({ readonly status: 'seeded' } & SeedSummary)
  | { readonly status: 'already-seeded'; readonly summary: SeedSummary | undefined }
  | { readonly status: 'refused'; readonly reason: string };

/**
 * Loads the demo city into the local stack (`mirante dev` on first start, `mirante seed`) with
 * a progress bar, and prints what was loaded. A stack seeded before is left alone; a stack that
 * holds other data is not seeded (the reason is printed) — neither stops `mirante dev`.
 */
export async function seedLocalStack(
  stack: SeedTarget,
  options: SeedLocalStackOptions,
): Promise<SeedLocalStackSummary> {
  const { print } = options;
  const bar = createSeedProgressBar(options.stream ?? process.stdout, print);
  let announced = false;
  const load: LoadDemoCityOptions = {
    ...(options.ratings !== undefined ? { ratings: options.ratings } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    onProgress: (progress) => {
      if (!announced) {
        announced = true;
        print('Loading the demo city (synthetic Belo Horizonte)…');
      }
      bar.listener(progress);
    },
  };
  try {
    const result = await loadDemoCity(
      {
        doc: stack.clients.doc,
        s3: stack.clients.s3,
        config: stack.config,
        now: () => new Date(),
        logger: options.logger,
      },
      load,
    );
    bar.finish();
    if (result.status === 'already-seeded') {
      print(
        `The demo city is already loaded${result.summary ? ` (seeded ${result.summary.seededAt})` : ''}; nothing to do.`,
      );
      return { status: 'already-seeded', summary: result.summary };
    }
    const s = result.summary;
    const n = (x: number) => x.toLocaleString('en-US');
    print(
      `Seeded in ${s.seconds} s: ${n(s.city.services)} services (${s.city.fullyDigitalSharePercent}% fully digital), ${n(s.city.hotspots)} hotspots, ${n(s.city.telecentros)} telecentros, ${n(s.city.certified)} certified (${s.city.womenSharePercent}% women), ${n(s.ratings.total)} ratings (${n(s.ratings.recent)} from the last day through the feedback path).`,
    );
    if (options.apiUrl) {
      print(`The first figures are published after the next cycle: ${options.apiUrl}/`);
    }
    return { status: 'seeded', ...s };
  } catch (error) {
    bar.finish();
    if (error instanceof SeedRefusedError) {
      print(`Not seeding: ${error.message}`);
      return { status: 'refused', reason: error.message };
    }
    throw error;
  }
}
