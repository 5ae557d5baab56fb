import { describe, expect, it } from 'vitest';
import type { FeedbackState } from '../../../functions/compute/compaction-state.js';
import { planFeedbackCompaction } from '../../../functions/compute/plan-feedback-compaction.js';

const bucket = (day: string, etag: string) => ({
  key: `raw/feedback/bucket=202503${day}T000000Z/feedback.jsonl.gz`,
  etag,
  size: 10,
});

const state: FeedbackState = {
  sources: {
    [bucket('01', 'a').key]: 'a',
    [bucket('02', 'b').key]: 'b',
    [bucket('03', 'c').key]: 'c',
  },
  tombstones: ['t1'],
  months: {},
};

describe('planFeedbackCompaction', () => {
  it('finds nothing new when the listing matches the state', () => {
    const plan = planFeedbackCompaction(state, {
      feedbackBuckets: [bucket('01', 'a'), bucket('02', 'b'), bucket('03', 'c')],
      tombstoneIds: ['t1'],
    });
    expect(plan).toEqual({
      newBuckets: [],
      newTombstones: [],
      keptSources: state.sources,
      sourcesPruned: false,
    });
  });

  it('treats new keys and changed ETags as new, and new tombstones', () => {
    const plan = planFeedbackCompaction(state, {
      feedbackBuckets: [
        bucket('01', 'a'),
        bucket('02', 'b2'),
        bucket('03', 'c'),
        bucket('04', 'd'),
      ],
      tombstoneIds: ['t1', 't2'],
    });
    expect(plan.newBuckets).toEqual([bucket('02', 'b2'), bucket('04', 'd')]);
    expect(plan.newTombstones).toEqual(['t2']);
  });

  it('forgets sources that expired from raw/ without rebuilding anything', () => {
    const plan = planFeedbackCompaction(state, {
      feedbackBuckets: [bucket('03', 'c')],
      tombstoneIds: [],
    });
    expect(plan.newBuckets).toEqual([]);
    expect(plan.keptSources).toEqual({ [bucket('03', 'c').key]: 'c' });
    expect(plan.sourcesPruned).toBe(true);
  });
});
