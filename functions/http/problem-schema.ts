import { z } from '@hono/zod-openapi';

/** An RFC 9457 problem. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string(), detail: z.string() }).catchall(z.unknown()))
      .optional(),
  })
  .catchall(z.unknown())
  .openapi('Problem');

/** An OpenAPI response entry whose body is a problem (`application/problem+json`). */
export function problemResponse(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  } as const;
}
