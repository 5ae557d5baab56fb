/**
 * The Content-Security-Policy of the portal's HTML pages: nothing from anywhere but the portal
 * itself (no CDN, font, analytics or inline script), forms post only to it, and no other site may
 * frame the page.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The policy of `/embed/{id}`: the page policy, but any site may frame it. */
export const EMBED_CSP = PAGE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');

/**
 * The policy of `chart.svg` when opened as a document: no scripts or loads at all; the inline
 * styles Plot writes into the SVG are allowed.
 */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
