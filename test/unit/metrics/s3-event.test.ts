import { describe, expect, it } from 'vitest';
import { createdObjectsOf, isS3Event } from '../../../functions/metrics/s3-event.js';

const record = (eventName: string, key: string) => ({
  eventSource: 'aws:s3',
  eventName,
  userIdentity: { principalId: 'AWS:AIDA1' },
  s3: { bucket: { name: 'lake' }, object: { key } },
});

describe('S3 events', () => {
  it('tells an S3 notification from an HTTP API event', () => {
    expect(isS3Event({ Records: [record('ObjectCreated:Put', 'incoming/x/a.csv')] })).toBe(true);
    expect(isS3Event({ version: '2.0', rawPath: '/v1/metrics/services' })).toBe(false);
    expect(isS3Event({ Records: [] })).toBe(false);
    expect(isS3Event({ Records: [{ eventSource: 'aws:sqs' }] })).toBe(false);
    expect(isS3Event(null)).toBe(false);
  });

  it('decodes form-encoded keys and keeps only created objects', () => {
    const event = {
      Records: [
        record('ObjectCreated:Put', 'incoming/wifi-reach/alcance+de+mar%C3%A7o%2B.csv'),
        record('ObjectRemoved:Delete', 'incoming/wifi-reach/old.csv'),
      ],
    };
    if (!isS3Event(event)) throw new Error('not an S3 event');
    expect(createdObjectsOf(event)).toEqual([
      {
        bucket: 'lake',
        key: 'incoming/wifi-reach/alcance de março+.csv',
        submitter: 's3:AWS:AIDA1',
      },
    ]);
  });
});
