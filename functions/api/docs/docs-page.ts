/**
 * The Content-Security-Policy of the docs page: scripts and styles from this origin only (no
 * inline script: the initializer is a file), images from this origin or `data:` (Swagger UI's
 * stylesheet embeds its icons), requests to this origin only (the OpenAPI document, "try it out").
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The HTML of `/docs`. Every URL is relative to `/docs` (its assets under `docs/`, the document at
 * `openapi.json`), so the page also works behind a path prefix. Without JavaScript it links to
 * the OpenAPI document.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mirante API — documentation</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="stylesheet" href="docs/docs.css">
</head>
<body>
<main id="swagger-ui" data-spec-url="openapi.json">
<noscript><p>The interactive documentation needs JavaScript. The API is described by its <a href="openapi.json">OpenAPI 3.1 document</a>.</p></noscript>
</main>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/docs-init.js"></script>
</body>
</html>
`;

/** The docs page's initializer (a file, so the CSP needs no inline script). */
export const DOCS_INIT_JS = `(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  var url = new URL(root.getAttribute('data-spec-url'), document.baseURI).href;
  window.ui = SwaggerUIBundle({
    url: url,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
})();
`;

/** The docs page's own small stylesheet. */
export const DOCS_CSS = `body { margin: 0; background: #fff; }
main#swagger-ui { max-width: 1200px; margin: 0 auto; }
`;
