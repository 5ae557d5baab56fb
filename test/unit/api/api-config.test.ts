import { describe, expect, it } from 'vitest';
import { ApiConfigError, CC_BY_4, loadApiConfig } from '../../../functions/api/api-config.js';

describe('loadApiConfig', () => {
  it('has documented defaults', () => {
    expect(loadApiConfig({})).toEqual({
      publicUrl: undefined,
      corsOrigins: '*',
      manifestTtlMs: 5000,
      cacheMaxAgeSeconds: 300,
      staleWhileRevalidateSeconds: 3600,
      license: CC_BY_4,
      publisher: { name: 'Prefeitura de Belo Horizonte', url: undefined },
      contact: { name: 'Mirante — dados abertos', email: undefined, url: undefined },
    });
  });

  it('reads every setting', () => {
    const config = loadApiConfig({
      MIRANTE_PUBLIC_URL: 'https://dados.cidade.gov.br/',
      MIRANTE_CORS_ORIGINS: 'https://a.example, https://b.example:8443',
      MIRANTE_MANIFEST_TTL_MS: '2000',
      MIRANTE_DATA_LICENSE: 'https://opendatacommons.org/licenses/odbl/1-0/',
      MIRANTE_CONTACT_EMAIL: 'dados@cidade.gov.br',
    });
    expect(config.publicUrl).toBe('https://dados.cidade.gov.br');
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.manifestTtlMs).toBe(2000);
    expect(config.license).toBe('https://opendatacommons.org/licenses/odbl/1-0/');
    expect(config.contact.email).toBe('dados@cidade.gov.br');
  });

  it.each([
    [{ MIRANTE_PUBLIC_URL: 'dados.cidade.gov.br' }, 'MIRANTE_PUBLIC_URL'],
    [{ MIRANTE_PUBLIC_URL: 'ftp://x.example' }, 'MIRANTE_PUBLIC_URL'],
    [{ MIRANTE_CORS_ORIGINS: 'https://a.example/path' }, 'MIRANTE_CORS_ORIGINS'],
    [{ MIRANTE_MANIFEST_TTL_MS: 'soon' }, 'MIRANTE_MANIFEST_TTL_MS'],
    [{ MIRANTE_CONTACT_EMAIL: 'nobody' }, 'MIRANTE_CONTACT_EMAIL'],
    [{ MIRANTE_DATA_LICENSE: 'CC-BY' }, 'MIRANTE_DATA_LICENSE'],
  ])('rejects %o naming %s', (env, name) => {
    expect(() => loadApiConfig(env)).toThrow(ApiConfigError);
    expect(() => loadApiConfig(env)).toThrow(name);
  });
});
