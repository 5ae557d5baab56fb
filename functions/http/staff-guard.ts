import type { MiddlewareHandler } from 'hono';
import { requireStaff, type StaffAuthSource } from '../shared/staff-auth.js';
import type { MiranteEnv } from './create-base-app.js';
import { jwtClaimsOf } from './request-context.js';

/**
 * Middleware of every staff route: the one staff check (`requireStaff`) with the request's
 * bearer token (local) or the JWT claims API Gateway validated (AWS). 401 without valid
 * credentials, 403 outside the staff group. The identity is stored as `staff`.
 */
export function staffGuard(source: StaffAuthSource): MiddlewareHandler<MiranteEnv> {
  return async (c, next) => {
    const identity = requireStaff(source, {
      authorization: c.req.header('authorization'),
      claims: jwtClaimsOf(c),
    });
    c.set('staff', identity.subject);
    await next();
  };
}
