/** A SQL string literal (`'it''s'`). */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A quoted SQL identifier (`"my ""view"""`). */
export const sqlIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
