import { z } from 'zod';
import {
  countColumn,
  enumColumn,
  idColumn,
  monthColumn,
  regionColumn,
  textColumn,
} from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** Course tracks. */
export const TRACKS = ['basic', 'programming', 'web', 'other'] as const;
/** The audience a course is designed for. */
export const AUDIENCES = ['women', 'elderly', 'youth', 'general'] as const;
/** Gender as declared by the participant. */
export const GENDERS = ['female', 'male', 'other', 'not_informed'] as const;
/** Age bands of participants. */
export const AGE_BANDS = ['15-17', '18-29', '30-44', '45-59', '60+'] as const;

/** One row of `course-certifications`: people certified by a course in a month, by group. */
export const courseCertificationRowSchema = z.strictObject({
  month: monthColumn(),
  course_id: idColumn('Stable identifier of the course'),
  course_name: textColumn('Name of the course'),
  track: enumColumn(TRACKS, 'Track: basic, programming, web or other'),
  audience: enumColumn(AUDIENCES, 'Audience the course is designed for'),
  gender: enumColumn(GENDERS, 'Gender of the certified participants'),
  age_band: enumColumn(AGE_BANDS, 'Age band of the certified participants'),
  region: regionColumn(),
  certified: countColumn('Participants certified in the month in this group'),
});

/** A row of the course certifications dataset. */
export type CourseCertificationRow = z.infer<typeof courseCertificationRowSchema>;

/**
 * `course-certifications` (periodic). Each course's coordinator reports its own figures, so a
 * batch replaces the rows of the (month, course_id) pairs it contains. `course_name`, `track`
 * and `audience` describe the course; the grain is month × course × gender × age band × region.
 */
export const courseCertificationsDataset = defineDataset({
  name: 'course-certifications',
  kind: 'periodic',
  title: { 'pt-BR': 'Certificações em habilidades digitais', en: 'Digital skills certifications' },
  description:
    'People certified by the digital-skills courses per month, course, gender, age band and regional.',
  rowSchema: courseCertificationRowSchema,
  replacementKey: ['month', 'course_id'],
  grain: ['month', 'course_id', 'gender', 'age_band', 'region'],
});
