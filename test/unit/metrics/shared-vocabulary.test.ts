import { describe, expect, it } from 'vitest';
import * as columnTypes from '../../../functions/datasets/column-types.js';
import * as feedback from '../../../functions/feedback/feedback-schema.js';
import * as vocabulary from '../../../functions/shared/vocabulary.js';

describe('one vocabulary', () => {
  it('the datasets use the shared lists themselves', () => {
    expect(columnTypes.REGIONS).toBe(vocabulary.REGIONS);
    expect(columnTypes.CHANNELS).toBe(vocabulary.CHANNELS);
  });

  it('the feedback schema uses the shared lists themselves', () => {
    expect(feedback.REGIONS).toBe(vocabulary.REGIONS);
    expect(feedback.CHANNELS).toBe(vocabulary.CHANNELS);
    expect(feedback.OUTCOMES).toBe(vocabulary.OUTCOMES);
    expect(feedback.REASONS).toBe(vocabulary.REASONS);
  });
});
