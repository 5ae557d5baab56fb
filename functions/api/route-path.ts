import type { Context } from 'hono';

/** Converts an OpenAPI path template (`/v1/indicators/{id}`) to a Hono path (`/v1/indicators/:id`). */
export function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** A path parameter of the matched route (its pattern guarantees it is there). */
export function pathParam(c: Context, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`route has no path parameter '${name}'`);
  return value;
}
