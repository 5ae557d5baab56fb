import { z } from '@hono/zod-openapi';

/** The body of `GET /healthz`. */
export const HealthSchema = z.strictObject({ status: z.literal('ok') }).openapi('Health');
