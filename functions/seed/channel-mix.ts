import type { ServiceRow } from '../datasets/services.js';
import { CHANNELS, type Channel } from '../shared/vocabulary.js';

/** Share of a service's digital use through `web` and `app` before its redesign (svc-0002). */
const REDESIGN_BEFORE = 0.4;
/** … and from its redesign month on. */
const REDESIGN_AFTER = 0.82;

/**
 * The share of a service's completed transactions through each channel (in `CHANNELS` order)
 * in month `t` of `months` (0 = oldest): digital take-up (web + app) rises over the period,
 * from about 55% to 75% for fully digital services and 22% to 37% for partial ones (no app);
 * offline-only services use phone and in person. A redesigned service jumps from its
 * redesign month. `digitalShift` varies a service around its level's curve.
 */
export function channelShares(
  level: ServiceRow['digital_level'],
  t: number,
  months: number,
  options: { digitalShift?: number; redesignMonthIndex?: number } = {},
): number[] {
  const progress = months <= 1 ? 1 : t / (months - 1);
  const shift = options.digitalShift ?? 0;
  if (level === 'none') return [0, 0, 0, 0.4, 0.6];
  let digital =
    level === 'full' ? 0.55 + 0.2 * progress + shift : 0.22 + 0.15 * progress + shift / 2;
  if (options.redesignMonthIndex !== undefined) {
    digital = t >= options.redesignMonthIndex ? REDESIGN_AFTER : REDESIGN_BEFORE;
  }
  digital = Math.min(0.95, Math.max(0.05, digital));
  const appShare = level === 'full' ? 0.3 + 0.15 * progress : 0;
  const offline = 1 - digital;
  return [
    digital * (1 - appShare),
    digital * appShare,
    offline * 0.2,
    offline * 0.35,
    offline * 0.45,
  ];
}

/** Index of each channel in `CHANNELS`. */
export const CHANNEL_INDEX: Readonly<Record<Channel, number>> = Object.fromEntries(
  CHANNELS.map((c, i) => [c, i]),
) as Record<Channel, number>;
