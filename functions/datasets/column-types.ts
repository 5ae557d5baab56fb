import { z } from 'zod';
import { PERIOD_PATTERN } from '../shared/period.js';
import { REGIONS } from '../shared/vocabulary.js';

/** The regionais and channels, re-exported from the shared vocabulary (their one definition). */
export { CHANNELS, type Channel, REGIONS, type Region } from '../shared/vocabulary.js';

/** The fixed list of service categories (slugs), shared with the dimension registry. */
export const SERVICE_CATEGORIES = [
  'saude',
  'educacao',
  'tributos',
  'urbanismo',
  'transporte',
  'assistencia-social',
  'meio-ambiente',
  'cultura',
  'trabalho',
  'habitacao',
  'licenciamento',
  'documentos',
] as const;

/** A service category slug. */
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** The rough bounding box of Belo Horizonte; coordinates outside it are rejected. */
export const BH_BOUNDS = {
  latMin: -20.06,
  latMax: -19.78,
  lonMin: -44.07,
  lonMax: -43.85,
} as const;

/**
 * How a column is written in CSV and stored in DuckDB. `parseCsv` decodes a cell by its kind
 * (`integer`, `decimal`, `boolean`; the others stay text) before the row schema validates it.
 */
export type ColumnKind =
  | 'id'
  | 'text'
  | 'enum'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'month';

/** The DuckDB type of each column kind (months stay `VARCHAR` `YYYY-MM`, like feedback's `month`). */
export const DUCKDB_TYPES: Readonly<Record<ColumnKind, string>> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  integer: 'INTEGER',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  month: 'VARCHAR',
};

/** Registry of every column schema's kind (kept out of the JSON Schema / OpenAPI output). */
export const columnKinds = z.registry<{ kind: ColumnKind }>();

/** Message of a value outside an enumeration. */
export const oneOfMessage = (values: readonly string[]): string =>
  `must be one of: ${values.join(', ')}`;

/** Identifiers: 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An identifier column (`service_id`, `hotspot_id`, …). */
export const idColumn = (description: string) =>
  z
    .string({ error: 'must be an identifier (text)' })
    .regex(ID_PATTERN, {
      error: 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    })
    .describe(description)
    .register(columnKinds, { kind: 'id' });

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to reject control characters
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** A free-text column (a name), 1 to `max` characters, no control characters or line breaks. */
export const textColumn = (description: string, max = 200) =>
  z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(NO_CONTROL_CHARACTERS, {
      error: 'must not contain line breaks or control characters',
    })
    .describe(description)
    .register(columnKinds, { kind: 'text' });

/** A column holding one of a fixed list of slugs. */
export const enumColumn = <const T extends readonly [string, ...string[]]>(
  values: T,
  description: string,
) =>
  z
    .enum(values, { error: oneOfMessage(values) })
    .describe(description)
    .register(columnKinds, { kind: 'enum' });

/** A region column (one of the nine regionais). */
export const regionColumn = () => enumColumn(REGIONS, 'Regional (administrative region) slug');

/** Largest count accepted (DuckDB INTEGER). */
export const MAX_COUNT = 2_147_483_647;

const countMessage = 'must be a whole number, 0 or more, without thousands separators';

/** A non-negative whole number (a count of people, sessions, devices, transactions). */
export const countColumn = (description: string) =>
  z
    .number({ error: countMessage })
    .int({ error: countMessage })
    .min(0, { error: countMessage })
    .max(MAX_COUNT, { error: `must be at most ${MAX_COUNT}` })
    .describe(description)
    .register(columnKinds, { kind: 'integer' });

/** A latitude inside Belo Horizonte's bounding box (decimal degrees). */
export const latitudeColumn = () =>
  z
    .number({ error: 'must be a decimal number of degrees (e.g. -19.9167)' })
    .min(BH_BOUNDS.latMin, {
      error: `must lie in Belo Horizonte: between ${BH_BOUNDS.latMin} and ${BH_BOUNDS.latMax}`,
    })
    .max(BH_BOUNDS.latMax, {
      error: `must lie in Belo Horizonte: between ${BH_BOUNDS.latMin} and ${BH_BOUNDS.latMax}`,
    })
    .describe('Latitude in decimal degrees (WGS 84), inside Belo Horizonte')
    .register(columnKinds, { kind: 'decimal' });

/** A longitude inside Belo Horizonte's bounding box (decimal degrees). */
export const longitudeColumn = () =>
  z
    .number({ error: 'must be a decimal number of degrees (e.g. -43.9345)' })
    .min(BH_BOUNDS.lonMin, {
      error: `must lie in Belo Horizonte: between ${BH_BOUNDS.lonMin} and ${BH_BOUNDS.lonMax}`,
    })
    .max(BH_BOUNDS.lonMax, {
      error: `must lie in Belo Horizonte: between ${BH_BOUNDS.lonMin} and ${BH_BOUNDS.lonMax}`,
    })
    .describe('Longitude in decimal degrees (WGS 84), inside Belo Horizonte')
    .register(columnKinds, { kind: 'decimal' });

/** A yes/no column. JSON takes `true`/`false`; CSV also `sim`/`não` (any letter case). */
export const booleanColumn = (description: string) =>
  z
    .boolean({ error: 'must be true or false (in CSV also sim or não)' })
    .describe(description)
    .register(columnKinds, { kind: 'boolean' });

/** A calendar date, ISO `YYYY-MM-DD` (real dates only: no 2023-02-29). */
export const dateColumn = (description: string) =>
  z.iso
    .date({ error: 'must be a real date written YYYY-MM-DD (e.g. 2024-03-31)' })
    .describe(description)
    .register(columnKinds, { kind: 'date' });

/** A month, `YYYY-MM`, in the city's time zone. */
export const monthColumn = () =>
  z
    .string({ error: 'must be a month written YYYY-MM (e.g. 2024-03)' })
    .regex(PERIOD_PATTERN, { error: 'must be a month written YYYY-MM (e.g. 2024-03)' })
    .describe('Month the figures refer to, YYYY-MM (city time zone)')
    .register(columnKinds, { kind: 'month' });

/** The kind of a registered column schema; throws for a schema built without these helpers. */
export function columnKindOf(schema: z.ZodType): ColumnKind {
  const meta = columnKinds.get(schema);
  if (!meta) throw new Error('column schema was not built with a column-types helper');
  return meta.kind;
}
