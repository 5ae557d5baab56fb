import { z } from 'zod';

/** A lake in a deployed bucket: `s3://bucket/optional/prefix/`. */
export const s3LocationSchema = z
  .string()
  .regex(
    /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
    'expected s3://bucket or s3://bucket/prefix (a bucket name is 3–63 lowercase letters, digits, dots or hyphens)',
  )
  .transform((url) => {
    const rest = url.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    let prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+/, '');
    if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
    // s3://bucket/lake/curated/ names the curated folder itself: the lake root is its parent.
    prefix = prefix.replace(/(^|\/)curated\/$/, '$1');
    return { bucket, prefix };
  });

/** A deployed lake: its bucket and the prefix under which curated/ and published/ live. */
export type S3Location = z.output<typeof s3LocationSchema>;
