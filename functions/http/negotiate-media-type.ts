/**
 * Picks the representation to send from an `Accept` header (RFC 9110 §12.5.1): the offered media
 * type with the highest quality, the server's order breaking ties (so the first offer is the
 * default, also for a missing header or `*` ranges). Returns undefined when nothing offered is
 * acceptable (a 406).
 */
export function negotiateMediaType(
  accept: string | undefined,
  offered: readonly [string, ...string[]],
): string | undefined {
  if (!accept?.trim()) return offered[0];
  const ranges = accept.split(',').map(parseRange);
  let best: string | undefined;
  let bestQ = 0;
  for (const type of offered) {
    const q = qualityOf(type, ranges);
    if (q > bestQ) {
      best = type;
      bestQ = q;
    }
  }
  return best;
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseRange(part: string): MediaRange {
  const [range = '', ...params] = part.split(';');
  const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
  let q = 1;
  for (const param of params) {
    const [name, value] = param.split('=');
    if (name?.trim().toLowerCase() === 'q') {
      const parsed = Number(value);
      q = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 0;
    }
  }
  return { type, subtype, q };
}

/** The quality of the most specific range matching a media type (0 when none matches). */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let specificity = -1;
  let q = 0;
  for (const range of ranges) {
    const s =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (s > specificity) {
      specificity = s;
      q = range.q;
    }
  }
  return q;
}
