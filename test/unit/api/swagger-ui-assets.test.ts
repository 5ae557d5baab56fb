import { describe, expect, it } from 'vitest';
import { DOCS_CSP, DOCS_PAGE } from '../../../functions/api/docs/docs-page.js';
import { readSwaggerUiFile } from '../../../functions/api/docs/swagger-ui-assets.js';

describe('swagger-ui assets', () => {
  it('reads the installed package files without their source map comment', () => {
    const bundle = readSwaggerUiFile('swagger-ui-bundle.js');
    expect(bundle.length).toBeGreaterThan(500_000);
    expect(bundle).not.toContain('sourceMappingURL=');
    expect(readSwaggerUiFile('swagger-ui.css')).toContain('.swagger-ui');
  });

  it('fails loudly when the package cannot be resolved', () => {
    expect(() =>
      readSwaggerUiFile('swagger-ui.css', () => {
        throw new Error('MODULE_NOT_FOUND');
      }),
    ).toThrow('MODULE_NOT_FOUND');
  });

  it('has no inline script or style and a CSP without unsafe sources', () => {
    expect(DOCS_PAGE).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/);
    expect(DOCS_CSP).not.toMatch(/unsafe|\*/);
  });
});
