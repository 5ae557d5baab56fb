import { mkdir, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Months of the fixture lake's periodic datasets. */
export const FIXTURE_MONTHS = ['2024-01', '2024-02', '2024-03'] as const;

/** Ratings per month in the fixture lake. */
export const RATINGS_PER_MONTH = 100;

const FEEDBACK_SQL = (month: string, offset: number) => `
  SELECT 'fb-' || (i + ${offset})::VARCHAR AS id,
         'svc-' || (i % 5)::VARCHAR AS service_id,
         (1 + i % 5)::INTEGER AS rating,
         ['completed', 'not_eligible', 'failed', 'gave_up'][1 + i % 4] AS outcome,
         ['web', 'app', 'telecentro', 'phone', 'in_person'][1 + i % 5] AS channel,
         CASE WHEN i % 10 = 0 THEN NULL ELSE ['barreiro', 'centro-sul', 'leste'][1 + i % 3] END AS region,
         CASE WHEN i % 2 = 0 THEN NULL ELSE 'clarity' END AS reason,
         CASE WHEN i % 7 = 0 THEN 'ok, fine' ELSE NULL END AS comment,
         '${month}-10T12:00:00Z' AS received_at,
         '${month}-10T11:59:00Z' AS collected_at,
         '${month}' AS month
  FROM range(${RATINGS_PER_MONTH}) t(i)`;

/**
 * Writes a small curated lake with DuckDB `COPY … TO` (no stack): feedback and transactions
 * hive-partitioned by month (`curated/<dataset>/month=YYYY-MM/data.parquet`), the services
 * snapshot (`curated/services/current.parquet`, with `as_of`), and two published versions of
 * `user-satisfaction`, the second one newer.
 */
export async function writeFixtureLake(lakeDir: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  const copy = async (sql: string, key: string) => {
    const path = join(lakeDir, key);
    await mkdir(dirname(path), { recursive: true });
    await connection.run(`COPY (${sql}) TO '${path}' (FORMAT parquet)`);
  };
  try {
    for (const [m, month] of FIXTURE_MONTHS.entries()) {
      await copy(
        FEEDBACK_SQL(month, m * RATINGS_PER_MONTH),
        `curated/feedback/month=${month}/data.parquet`,
      );
      await copy(
        `SELECT '${month}' AS month, 'svc-' || (i % 5)::VARCHAR AS service_id,
                ['web', 'app', 'phone'][1 + i // 5] AS channel, (10 + i)::INTEGER AS completed
         FROM range(15) t(i)`,
        `curated/transactions/month=${month}/data.parquet`,
      );
    }
    await copy(
      `SELECT 'svc-' || i::VARCHAR AS service_id, 'Serviço ' || i::VARCHAR AS name_pt,
              'Service ' || i::VARCHAR AS name_en, ['saude', 'educacao'][1 + i % 2] AS category,
              ['full', 'partial', 'none'][1 + i % 3] AS digital_level, '2024-03' AS as_of
       FROM range(5) t(i)`,
      'curated/services/current.parquet',
    );
    const published = (version: number) =>
      `SELECT '2024-0' || m::VARCHAR AS period, '_T' AS service_id, '_T' AS channel, '_T' AS region,
              ${version}.5 AS value, 100 AS n, '' AS status
       FROM range(1, 4) t(m)`;
    await copy(published(1), 'published/indicators/user-satisfaction/v1.parquet');
    await copy(published(2), 'published/indicators/user-satisfaction/v2.parquet');
    const old = new Date('2024-01-01T00:00:00Z');
    await utimes(join(lakeDir, 'published/indicators/user-satisfaction/v1.parquet'), old, old);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
