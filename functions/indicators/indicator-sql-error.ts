/**
 * Thrown when an indicator's SQL fails or returns rows that break the result-row contract
 * (missing or undeclared columns, a non-numeric measure, an undeclared breakdown…). The message
 * names the indicator's SQL file.
 */
export class IndicatorSqlError extends Error {
  override name = 'IndicatorSqlError';
  readonly indicatorId: string;

  constructor(indicatorId: string, detail: string) {
    super(`queries/${indicatorId}.sql: ${detail}`);
    this.indicatorId = indicatorId;
  }
}
