/**
 * The candidates closest to a mistyped id, best first: those within an edit distance of about a
 * third of the id's length (at least 2), plus those that contain it or that it contains.
 */
export function closestIds(target: string, candidates: Iterable<string>, max = 3): string[] {
  const wanted = target.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { id: string; score: number }[] = [];
  for (const id of candidates) {
    const lower = id.toLowerCase();
    const distance = levenshtein(wanted, lower);
    const related = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
    if (distance <= limit || related)
      scored.push({ id, score: related ? Math.min(distance, limit) : distance });
  }
  scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return scored.slice(0, max).map((s) => s.id);
}

/** The Levenshtein edit distance between two strings (insertions, deletions, substitutions). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
