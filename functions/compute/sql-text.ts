/** A SQL string literal (single quotes doubled). */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A SQL list of string literals (`['a', 'b']`), e.g. the files of `read_parquet`. */
export const sqlStringList = (values: readonly string[]): string =>
  `[${values.map(sqlString).join(', ')}]`;

/** A quoted SQL identifier. */
export const sqlIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The `columns = {...}` struct of `read_json` for typed columns. */
export const sqlColumnsStruct = (
  columns: readonly { readonly name: string; readonly type: string }[],
): string => `{${columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
