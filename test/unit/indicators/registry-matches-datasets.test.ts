import { describe, expect, it } from 'vitest';
import { CHANNELS, REGIONS, SERVICE_CATEGORIES } from '../../../functions/datasets/column-types.js';
import {
  AGE_BANDS,
  AUDIENCES,
  GENDERS,
  TRACKS,
} from '../../../functions/datasets/course-certifications.js';
import { DATASET_NAMES } from '../../../functions/datasets/datasets.js';
import { DEVICE_TYPES } from '../../../functions/datasets/device-donations.js';
import { HOST_TYPES } from '../../../functions/datasets/telecentros.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { SOURCE_DATASETS } from '../../../functions/indicators/source-datasets.js';

describe('the dimension registry and the datasets agree', () => {
  it('lists exactly the values the dataset schemas accept, in the same order', async () => {
    const registry = await loadDimensionRegistry('queries/dimensions.yaml');
    const values = (dimension: string) => Object.keys(registry.dimensions[dimension]?.values ?? {});
    expect(values('region')).toEqual([...REGIONS]);
    expect(values('category')).toEqual([...SERVICE_CATEGORIES]);
    expect(values('channel')).toEqual([...CHANNELS]);
    expect(values('device_type')).toEqual([...DEVICE_TYPES]);
    expect(values('host_type')).toEqual([...HOST_TYPES]);
    expect(values('track')).toEqual([...TRACKS]);
    expect(values('audience')).toEqual([...AUDIENCES]);
    expect(values('gender')).toEqual([...GENDERS]);
    expect(values('age_band')).toEqual([...AGE_BANDS]);
  });

  it('lets indicators read feedback and every metric dataset', () => {
    expect([...SOURCE_DATASETS].sort()).toEqual(['feedback', ...DATASET_NAMES].sort());
  });
});
