import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser (`.ci/run` installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags every browser test launches Chromium with: no sandbox (containers), no GPU, and nothing
 * that reaches the internet on its own (QUIC, first-run, background networking, component
 * updates, sync) — this machine refuses outbound connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether Chromium is installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * Whether the browser tests must skip: only when Chromium is absent AND this is not CI. Under
 * `CI=true` a missing Chromium fails the tests (the launch throws). Says so when skipping.
 */
export function skipBrowserTests(): boolean {
  const skip = !hasChromium && !process.env.CI;
  if (skip) {
    console.warn(
      `Browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install -y chromium). They run, and fail without it, when CI is set.`,
    );
  }
  return skip;
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS}. Playwright gives every launch a fresh,
 * temporary user-data directory (removed on close).
 */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
