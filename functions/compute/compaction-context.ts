import type { S3Client } from '@aws-sdk/client-s3';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../shared/logger.js';

/** What a compaction step needs: the lake, DuckDB, the local mirror and a scratch folder. */
export interface CompactionContext {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly connection: DuckDBConnection;
  /** Local mirror of the lake (files at their keys), shared with the indicator pass. */
  readonly mirrorDir: string;
  /** ETags of the files in the mirror (kept across warm invocations). */
  readonly known: Map<string, string>;
  /** A folder for this run's intermediate files (emptied by the caller). */
  readonly scratchDir: string;
  readonly logger: Logger;
}
