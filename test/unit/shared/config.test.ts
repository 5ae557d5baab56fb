import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../functions/shared/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      tableName: 'mirante',
      lakeBucket: 'mirante-lake',
      timezone: 'America/Sao_Paulo',
      bucketSeconds: 300,
      feedbackTtlDays: 90,
      minCellFloor: 10,
    });
  });

  it('accepts canonical IANA zones, UTC and legacy aliases', () => {
    for (const zone of ['America/Manaus', 'Europe/Lisbon', 'UTC', 'Etc/UTC', 'Brazil/East']) {
      expect(loadConfig({ MIRANTE_TIMEZONE: zone }).timezone).toBe(zone);
    }
  });

  it('names the variable of an unknown time zone or a bad number', () => {
    expect(() => loadConfig({ MIRANTE_TIMEZONE: 'Mars/Olympus_Mons' })).toThrow(ConfigError);
    expect(() => loadConfig({ MIRANTE_TIMEZONE: 'Mars/Olympus_Mons' })).toThrow(
      /MIRANTE_TIMEZONE must be an IANA time zone/,
    );
    expect(() => loadConfig({ MIRANTE_FEEDBACK_TTL_DAYS: '-3' })).toThrow(
      /MIRANTE_FEEDBACK_TTL_DAYS must be positive/,
    );
  });
});
