import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** One axe-core violation, as the browser tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly nodes: number;
  readonly help: string;
}

/**
 * Runs axe-core in the page, with every `<details>` opened so that their content is checked too,
 * and returns the violations. axe is evaluated through the DevTools protocol, not as a page
 * script, so the page's CSP allows it (the page itself needs no JavaScript).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
  });
  await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const runner = (
      window as unknown as {
        axe: {
          run: (c: Document) => Promise<{
            violations: { id: string; impact: string; nodes: unknown[]; help: string }[];
          }>;
        };
      }
    ).axe;
    const result = await runner.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      help: v.help,
    }));
  });
}
