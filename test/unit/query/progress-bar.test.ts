import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../cli/query/progress-bar.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 80, write: (t: string) => writes.push(t), writes };
}

describe('createProgressBar', () => {
  it('redraws one line in place on a terminal, at most ten times a second, and always at the end', () => {
    const s = stream(true);
    let now = 0;
    const bar = createProgressBar(s, 'Syncing', () => now);
    bar.update(0, 4, 0, 4_000_000);
    now = 50;
    bar.update(1, 4, 1_000_000, 4_000_000);
    now = 200;
    bar.update(2, 4, 2_000_000, 4_000_000);
    bar.update(4, 4, 4_000_000, 4_000_000);
    expect(s.writes).toHaveLength(3);
    expect(s.writes[1]).toMatch(/^\rSyncing \[█+░+\] 2\/4 files · 2\.0\/4\.0 MB/);
    expect(s.writes[1]?.endsWith('\x1b[K')).toBe(true);
    expect(s.writes[2]).toContain('4/4 files');
    expect(s.writes[2]).not.toContain('░');
    bar.finish('Done.');
    expect(s.writes.at(-1)).toBe('\r\x1b[KDone.\n');
  });

  it('draws nothing when not on a terminal, and prints the final line', () => {
    const s = stream(false);
    const bar = createProgressBar(s, 'Syncing');
    bar.update(1, 2, 10, 20);
    bar.finish('Synced.');
    expect(s.writes).toEqual(['Synced.\n']);
  });
});
