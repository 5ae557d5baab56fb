import type { Logger } from '../shared/logger.js';

/**
 * A child logger created only when first used: every request gets a logger carrying its request
 * id, but most requests on the hot path never log above the threshold, so they skip building it.
 */
export function lazyChildLogger(parent: Logger, fields: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const get = () => {
    child ??= parent.child(fields);
    return child;
  };
  return {
    debug: (message, extra) => get().debug(message, extra),
    info: (message, extra) => get().info(message, extra),
    warn: (message, extra) => get().warn(message, extra),
    error: (message, extra) => get().error(message, extra),
    metric: (name, value, dimensions) => get().metric(name, value, dimensions),
    child: (more) => get().child(more),
  };
}
