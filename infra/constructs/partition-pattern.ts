/**
 * The IAM `dynamodb:LeadingKeys` pattern of an item family, from its key builder called with
 * `'*'` placeholders: `partitionPattern(watermarkKey('*'))` → `WATERMARK#*`. Deriving it from
 * functions/shared/table-keys.ts keeps the grants and the key layout in step.
 */
export function partitionPattern(key: { readonly pk: string }): string {
  const star = key.pk.indexOf('*');
  if (star < 0) return key.pk;
  return `${key.pk.slice(0, star)}*`;
}
