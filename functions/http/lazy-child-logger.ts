import type { Logger } from '../shared/logger.js';

/**
 * A child logger created only when first used: every request gets a logger carrying its request
 * id, but most requests on the hot path never log above the threshold, so they skip building it
 * (a class, so a request allocates one small object and no closures).
 */
class LazyChildLogger implements Logger {
  #child: Logger | undefined;
  readonly #parent: Logger;
  readonly #fields: Record<string, unknown>;

  constructor(parent: Logger, fields: Record<string, unknown>) {
    this.#parent = parent;
    this.#fields = fields;
  }

  #get(): Logger {
    this.#child ??= this.#parent.child(this.#fields);
    return this.#child;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.#get().debug(message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.#get().info(message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.#get().warn(message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.#get().error(message, fields);
  }

  metric(name: string, value: number, dimensions?: Record<string, string>): void {
    this.#get().metric(name, value, dimensions);
  }

  child(fields: Record<string, unknown>): Logger {
    return this.#get().child(fields);
  }
}

/** A child logger of `parent` with `fields`, built at its first use. */
export function lazyChildLogger(parent: Logger, fields: Record<string, unknown>): Logger {
  return new LazyChildLogger(parent, fields);
}
