import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/args.js';
import { runSeed } from '../../../cli/commands/seed.js';
import { createSeedProgressBar } from '../../../cli/seed-progress-bar.js';

const ctx = (argv: string[], env: Record<string, string> = {}) => ({
  argv,
  env,
  cwd: '/nonexistent',
  print: () => undefined,
});

describe('mirante seed arguments', () => {
  it.each([
    [['--ratings', 'many']],
    [['--ratings', '0']],
    [['--ratings', '1.5']],
    [['--seed', '-1']],
    [['extra']],
    [['--endpoint', 'http://localhost:4566']], // no MIRANTE_STAGE
    [['--endpoint', 'not a url']],
  ])('refuses %j before touching any stack', async (argv) => {
    await expect(
      runSeed(ctx(argv, argv.includes('not a url') ? { MIRANTE_STAGE: 'dev' } : {})),
    ).rejects.toThrow(UsageError);
  });

  it.each(['prod', 'Production', 'PROD'])('never seeds a production stage (%s)', async (stage) => {
    await expect(runSeed(ctx(['--endpoint', 'aws'], { MIRANTE_STAGE: stage }))).rejects.toThrow(
      /production/,
    );
  });
});

describe('seed progress bar', () => {
  it('redraws one line in place on a terminal, throttled, always at 100%', () => {
    const written: string[] = [];
    let t = 0;
    const bar = createSeedProgressBar(
      { isTTY: true, columns: 100, write: (s) => written.push(s) },
      () => undefined,
      () => t,
    );
    bar.listener({ step: 'ratings', done: 0, total: 1000, label: '2025-01' });
    t += 10;
    bar.listener({ step: 'ratings', done: 500, total: 1000, label: '2025-06' }); // throttled
    t += 10;
    bar.listener({ step: 'ratings', done: 1000, total: 1000, label: '2025-12' });
    bar.finish();
    expect(written).toHaveLength(3);
    expect(written[0]?.startsWith('\r  ratings ')).toBe(true);
    expect(written[0]?.endsWith('\u001b[K')).toBe(true);
    expect(written[0]).toMatch(/\[░+\] +0% {2}0\/1,000 {2}2025-01/);
    expect(written[1]).toMatch(/\[█+\] 100% {2}1,000\/1,000 {2}2025-12/);
    expect(written[2]).toBe('\n');
  });

  it('prints plain lines at each quarter elsewhere', () => {
    const lines: string[] = [];
    const bar = createSeedProgressBar({ isTTY: false, write: () => true }, (l) => lines.push(l));
    for (let done = 0; done <= 100; done += 5) {
      bar.listener({ step: 'metrics', done, total: 100, label: '' });
    }
    expect(lines).toEqual([
      '  metrics: 0% (0/100)',
      '  metrics: 25% (25/100)',
      '  metrics: 50% (50/100)',
      '  metrics: 75% (75/100)',
      '  metrics: 100% (100/100)',
    ]);
  });
});
