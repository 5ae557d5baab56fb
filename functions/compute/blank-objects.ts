import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { LakeColumn } from '../lake/lake-columns.js';
import type { CompactionContext } from './compaction-context.js';
import { columnDefinitions } from './lake-database.js';
import { forgetFile, uploadFile } from './lake-sync.js';
import { sqlString } from './sql-text.js';

/**
 * Empties curated objects that no longer hold anything (a month whose ratings were all erased, a
 * month or snapshot whose batches were retracted, id index shards of an old shard count): each is
 * overwritten with an empty object of its format — a Parquet file with the dataset's columns and
 * no rows, or an empty gzip file. Compute may not delete lake objects (least privilege); the
 * overwritten versions expire with the bucket's noncurrent-version rule, like any rewrite.
 */
export async function blankObjects(
  ctx: CompactionContext,
  keys: readonly string[],
  columns: readonly LakeColumn[],
): Promise<void> {
  if (keys.length === 0) return;
  const emptyParquet = join(ctx.scratchDir, 'empty.parquet');
  if (keys.some((key) => key.endsWith('.parquet'))) {
    await ctx.connection.run(`CREATE OR REPLACE TABLE _blank (${columnDefinitions(columns)})`);
    await ctx.connection.run(
      `COPY _blank TO ${sqlString(emptyParquet)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await ctx.connection.run('DROP TABLE _blank');
  }
  for (const key of keys) {
    if (key.endsWith('.parquet')) {
      await uploadFile(ctx.s3, ctx.bucket, key, emptyParquet, 'application/vnd.apache.parquet');
    } else {
      await ctx.s3.send(
        new PutObjectCommand({
          Bucket: ctx.bucket,
          Key: key,
          Body: gzipSync(Buffer.alloc(0)),
          ContentType: 'application/gzip',
        }),
      );
    }
    await forgetFile(ctx.mirrorDir, key, ctx.known);
  }
  await rm(emptyParquet, { force: true });
}
