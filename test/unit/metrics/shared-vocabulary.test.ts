import { describe, expect, it } from 'vitest';
import * as columnTypes from '../../../functions/datasets/column-types.js';
import * as feedback from '../../../functions/feedback/feedback-schema.js';
import * as vocabulary from '../../../functions/shared/vocabulary.js';

describe('one vocabulary', () => {
  it('the datasets use the shared lists themselves', () => {
    expect(columnTypes.REGIONS).toBe(vocabulary.REGIONS);
    expect(columnTypes.CHANNELS).toBe(vocabulary.CHANNELS);
  });

  it('the feedback schema names the same regions, channels, outcomes and reasons', () => {
    expect([...feedback.REGIONS]).toEqual([...vocabulary.REGIONS]);
    expect([...feedback.CHANNELS]).toEqual([...vocabulary.CHANNELS]);
    expect([...feedback.OUTCOMES]).toEqual([...vocabulary.OUTCOMES]);
    expect([...feedback.REASONS]).toEqual([...vocabulary.REASONS]);
  });
});
