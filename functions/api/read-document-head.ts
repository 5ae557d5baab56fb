import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { IndicatorDocument } from '../publish/indicator-document.js';

/** A published document without its rows: the metadata and the receipt. */
export type DocumentHead = Pick<IndicatorDocument, 'indicator' | 'receipt'>;

const FIRST_CHUNK = 64 * 1024;

/**
 * Reads the `indicator` and `receipt` of a published document without downloading its rows: the
 * document is written `{"indicator":…,"receipt":…,"data":[…]}`, so ranged reads of its first
 * bytes (64 KiB, doubling) stop at the top-level `"data"` key. Falls back to the whole object
 * when the rows don't come last.
 */
export async function readDocumentHead(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<DocumentHead> {
  const chunks: Buffer[] = [];
  let read = 0;
  let want = FIRST_CHUNK;
  const scanner = createTopLevelScanner();
  for (;;) {
    const result = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${read}-${read + want - 1}` }),
    );
    const bytes = Buffer.from((await result.Body?.transformToByteArray()) ?? new Uint8Array());
    const cut = scanner.feed(bytes, read);
    chunks.push(bytes);
    read += bytes.length;
    const total = totalLength(result.ContentRange);
    if (cut !== undefined) {
      const head = Buffer.concat(chunks).subarray(0, cut).toString('utf-8');
      return JSON.parse(`${head}}`) as DocumentHead;
    }
    if (bytes.length === 0 || (total !== undefined && read >= total)) {
      const whole = JSON.parse(Buffer.concat(chunks).toString('utf-8')) as IndicatorDocument;
      return { indicator: whole.indicator, receipt: whole.receipt };
    }
    want *= 2;
  }
}

function totalLength(contentRange: string | undefined): number | undefined {
  const total = contentRange?.split('/')[1];
  return total && total !== '*' ? Number(total) : undefined;
}

/**
 * A byte scanner of a JSON object that reports where its top-level `"data"` member starts (the
 * offset of the comma before it). Structural characters are ASCII, and UTF-8 never uses ASCII
 * bytes inside a multi-byte character, so scanning bytes is safe.
 */
function createTopLevelScanner() {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastComma = -1;
  let key: number[] = [];
  let pendingKey: string | undefined;
  return {
    /** Feeds bytes starting at `offset`; returns the cut offset once `"data":` is seen. */
    feed(bytes: Uint8Array, offset: number): number | undefined {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i] as number;
        const at = offset + i;
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) {
            inString = false;
            if (depth === 1) pendingKey = Buffer.from(key).toString('utf-8');
          } else if (depth === 1) key.push(b);
          continue;
        }
        if (b === 0x22) {
          inString = true;
          stringStart = at;
          key = [];
        } else if (b === 0x7b || b === 0x5b) {
          depth++;
          pendingKey = undefined;
        } else if (b === 0x7d || b === 0x5d) {
          depth--;
        } else if (b === 0x2c && depth === 1) {
          lastComma = at;
          pendingKey = undefined;
        } else if (b === 0x3a && depth === 1) {
          if (pendingKey === 'data' && lastComma >= 0 && lastComma < stringStart) return lastComma;
          pendingKey = undefined;
        }
      }
      return undefined;
    },
  };
}
