import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MiranteFunction } from '../../infra/constructs/mirante-function.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { buildMiranteStack, logicalIdOf } from './build-mirante-stack.js';
import {
  actionCovers,
  actionsOf,
  resourceCovers,
  resourcesOf,
  type Statement,
  statementsOfRole,
  type TemplateJson,
} from './iam-statements.js';

const TABLE_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];
const OBJECT_WRITES = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectAcl',
  's3:RestoreObject',
];

let stack: MiranteStack;
let template: TemplateJson;
let lakeArn: string;
let tableArn: string;

beforeAll(() => {
  stack = buildMiranteStack('dev').stack;
  template = Template.fromStack(stack).toJSON() as TemplateJson;
  lakeArn = `<${logicalIdOf(stack.platform.storage.lake)}.Arn>`;
  tableArn = `<${logicalIdOf(stack.platform.storage.table)}.Arn>`;
});

function allowed(fn: MiranteFunction): Statement[] {
  const { statements, managedPolicyArns } = statementsOfRole(template, logicalIdOf(fn.role));
  expect(managedPolicyArns).toEqual([]);
  return statements.filter((s) => s.Effect === 'Allow');
}

/** Allow statements granting any of these actions. */
function granting(statements: Statement[], actions: readonly string[]): Statement[] {
  return statements.filter((s) =>
    actionsOf(s).some((pattern) => actions.some((a) => actionCovers(pattern, a))),
  );
}

describe('the public read API function', () => {
  it('may read the table, published objects and the service catalogue (the walk sees its grants)', () => {
    const statements = allowed(stack.api);
    expect(granting(statements, ['dynamodb:Query']).length).toBeGreaterThan(0);
    const reads = granting(statements, ['s3:GetObject']).flatMap(resourcesOf);
    expect(reads).toEqual([`${lakeArn}/published/*`, `${lakeArn}/raw/metrics/services/*`]);
  });

  it('has no write action on anything: table, bucket or otherwise', () => {
    const writes = granting(allowed(stack.api), [...TABLE_WRITES, ...OBJECT_WRITES]);
    expect(writes).toEqual([]);
  });

  it('cannot read the secrets', () => {
    expect(granting(allowed(stack.api), ['secretsmanager:GetSecretValue'])).toEqual([]);
  });
});

describe('the feedback function', () => {
  it('writes only the feedback item families of the table', () => {
    const writes = granting(allowed(stack.feedback), TABLE_WRITES);
    expect(writes.length).toBeGreaterThan(0);
    for (const s of writes) {
      expect(resourcesOf(s)).toEqual([tableArn]);
      const leading = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      expect(leading).toEqual(['FEEDBACK#*', 'IDEMPOTENCY#*', 'RATE#*', 'TOMBSTONE#*']);
    }
  });

  it('cannot write S3 objects under published/ (nor anywhere but raw/tombstones/)', () => {
    const writes = granting(allowed(stack.feedback), OBJECT_WRITES);
    const patterns = writes.flatMap(resourcesOf);
    expect(patterns).toEqual([`${lakeArn}/raw/tombstones/*`]);
    for (const key of [
      'published/indicators/user-satisfaction/v1.json',
      'published/catalog.jsonld',
    ]) {
      expect(patterns.some((p) => resourceCovers(p, `${lakeArn}/${key}`))).toBe(false);
    }
  });

  it('reads only raw feedback, the curated id index and the services snapshot from the lake', () => {
    const reads = granting(allowed(stack.feedback), ['s3:GetObject']).flatMap(resourcesOf);
    expect(reads).toEqual([
      `${lakeArn}/raw/feedback/*`,
      `${lakeArn}/curated/_index/feedback-ids/*`,
      `${lakeArn}/raw/metrics/services/*`,
    ]);
    expect(
      reads.some((p) =>
        resourceCovers(p, `${lakeArn}/curated/feedback/month=2026-01/data.parquet`),
      ),
    ).toBe(false);
  });

  it('alone of the request functions reads the secret (the one secret, nothing else)', () => {
    const secretId = logicalIdOf(stack.platform.secrets.secret);
    for (const fn of [stack.api, stack.export, stack.compute, stack.metrics]) {
      expect(granting(allowed(fn), ['secretsmanager:GetSecretValue'])).toEqual([]);
    }
    const reads = granting(allowed(stack.feedback), ['secretsmanager:GetSecretValue']);
    expect(reads.flatMap(resourcesOf)).toEqual([`<${secretId}>`]);
  });
});

describe('the scheduled functions', () => {
  it('export writes only its watermark item and raw/feedback/ objects', () => {
    const statements = allowed(stack.export);
    expect(granting(statements, TABLE_WRITES)).toHaveLength(1);
    for (const s of granting(statements, TABLE_WRITES)) {
      expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual([
        'WATERMARK#*',
      ]);
    }
    expect(granting(statements, OBJECT_WRITES).flatMap(resourcesOf)).toEqual([
      `${lakeArn}/raw/feedback/*`,
    ]);
  });

  it('compute writes indicator items, curated/ and published/, and reads raw/', () => {
    const statements = allowed(stack.compute);
    expect(granting(statements, TABLE_WRITES)).toHaveLength(1);
    for (const s of granting(statements, TABLE_WRITES)) {
      expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual([
        'INDICATOR#*',
      ]);
    }
    const writes = granting(statements, ['s3:PutObject']).flatMap(resourcesOf);
    expect(writes.sort()).toEqual([`${lakeArn}/curated/*`, `${lakeArn}/published/*`]);
    const reads = granting(statements, ['s3:GetObject']).flatMap(resourcesOf);
    expect(
      reads.some((p) => resourceCovers(p, `${lakeArn}/raw/feedback/bucket=1/feedback.jsonl.gz`)),
    ).toBe(true);
  });

  it('only metrics may delete lake objects, and only the uploads under incoming/', () => {
    for (const fn of [stack.api, stack.feedback, stack.export, stack.compute]) {
      expect(granting(allowed(fn), ['s3:DeleteObject', 's3:DeleteObjectVersion'])).toEqual([]);
    }
    const deletes = granting(allowed(stack.metrics), ['s3:DeleteObject']).flatMap(resourcesOf);
    expect(deletes).toEqual([`${lakeArn}/incoming/*`]);
    expect(granting(allowed(stack.metrics), ['s3:DeleteObjectVersion'])).toEqual([]);
  });
});

describe('the metrics function', () => {
  it('writes only metric batch records of the table', () => {
    const writes = granting(allowed(stack.metrics), TABLE_WRITES);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toEqual([
      'BATCH#*',
    ]);
  });

  it('reads uploads and metric batches, writes batches and ingest results only', () => {
    const statements = allowed(stack.metrics);
    const reads = granting(statements, ['s3:GetObject']).flatMap(resourcesOf);
    expect(reads.sort()).toEqual([`${lakeArn}/incoming/*`, `${lakeArn}/raw/metrics/*`]);
    const writes = granting(statements, ['s3:PutObject']).flatMap(resourcesOf);
    expect(writes.sort()).toEqual([`${lakeArn}/ingest-results/*`, `${lakeArn}/raw/metrics/*`]);
    for (const key of ['raw/feedback/bucket=1/feedback.jsonl.gz', 'published/catalog.jsonld']) {
      expect(
        writes.some((p) => resourceCovers(p, `${lakeArn}/${key}`)),
        key,
      ).toBe(false);
      expect(
        reads.some((p) => resourceCovers(p, `${lakeArn}/${key}`)),
        key,
      ).toBe(false);
    }
    expect(granting(statements, ['secretsmanager:GetSecretValue'])).toEqual([]);
  });
});

describe('every function', () => {
  it('has its own role, with no managed policy and no wildcard action', () => {
    const fns = [
      stack.api,
      stack.feedback,
      stack.export,
      stack.compute,
      stack.metrics,
      stack.platform.originVerify.provider,
    ];
    expect(new Set(fns.map((fn) => logicalIdOf(fn.role))).size).toBe(fns.length);
    for (const fn of fns) {
      for (const s of allowed(fn)) {
        for (const action of actionsOf(s)) expect(action, fn.node.id).not.toMatch(/\*/);
      }
    }
  });
});
