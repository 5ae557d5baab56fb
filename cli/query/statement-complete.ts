/**
 * Whether the text typed so far at the prompt is a finished statement: its last character outside
 * string literals, quoted identifiers and comments is `;`. Multi-line input keeps reading until
 * then.
 */
export function isStatementComplete(text: string): boolean {
  let state: 'code' | 'single' | 'double' | 'dollar' | 'line' | 'block' = 'code';
  let lastCode = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    switch (state) {
      case 'code':
        if (c === '-' && next === '-') state = 'line';
        else if (c === '/' && next === '*') {
          state = 'block';
          i++;
        } else if (c === "'" || c === '"' || (c === '$' && next === '$')) {
          state = c === "'" ? 'single' : c === '"' ? 'double' : 'dollar';
          if (c === '$') i++;
          lastCode = c;
        } else if (c !== undefined && !/\s/.test(c)) lastCode = c;
        break;
      case 'single':
        if (c === "'") state = 'code';
        break;
      case 'double':
        if (c === '"') state = 'code';
        break;
      case 'dollar':
        if (c === '$' && next === '$') {
          state = 'code';
          i++;
        }
        break;
      case 'line':
        if (c === '\n') state = 'code';
        break;
      case 'block':
        if (c === '*' && next === '/') {
          state = 'code';
          i++;
        }
        break;
    }
  }
  return (state === 'code' || state === 'line') && lastCode === ';';
}
