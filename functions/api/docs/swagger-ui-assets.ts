import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The files of the `swagger-ui-dist` package the docs page serves, with their media types. */
export const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** The name of a served `swagger-ui-dist` file. */
export type SwaggerUiFile = keyof typeof SWAGGER_UI_FILES;

/** Resolves a package file to a path (Node's `require.resolve`). */
export type ResolveModule = (specifier: string) => string;

/**
 * Reads one file of the installed `swagger-ui-dist` package (resolved from this module with
 * `createRequire`, so it works from the source tree, under tsx and from a Lambda bundle that has
 * `swagger-ui-dist` in its `node_modules` — infra bundles the api function with
 * `nodeModules: ['swagger-ui-dist']`). The `sourceMappingURL` comment is dropped: the maps are
 * not served.
 */
export function readSwaggerUiFile(
  file: SwaggerUiFile,
  resolve: ResolveModule = createRequire(import.meta.url).resolve,
): string {
  const text = readFileSync(resolve(`swagger-ui-dist/${file}`), 'utf-8');
  return text.replace(/\n?\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n');
}
