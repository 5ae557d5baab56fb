import { html, type SafeHtml } from './html.js';
import { otherLanguage, type PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';
import { pageUrl, privacyUrl, ratingUrl } from './portal-urls.js';
import { PORTAL_ASSETS } from './static-assets.js';

/** What every portal page is made of. */
export interface PageParts {
  readonly lang: PortalLanguage;
  /** The document title (the site name is appended). */
  readonly title: string;
  /** The content of `<main>`. */
  readonly main: SafeHtml;
  /** The same page in the other language (the language switch). */
  readonly switchHref: string;
  /** Which navigation entry is the current page. */
  readonly current?: 'indicators' | 'rate' | 'privacy' | undefined;
  /** A page made for an `<iframe>`: no site header or footer. */
  readonly embed?: boolean | undefined;
}

/**
 * A complete HTML document: `<html lang>`, the stylesheet and the deferred enhancement script
 * (both from the portal itself), a skip link, the site header with navigation and the language
 * switch, `<main>`, a live region for status messages and the footer. No inline script or style,
 * no third-party resource, no web font; `<link rel="icon" href="data:,">` keeps the browser from
 * asking for a favicon.
 */
export function renderPage(parts: PageParts): string {
  const t = PORTAL_TEXT[parts.lang];
  const other = otherLanguage(parts.lang);
  const navItem = (page: PageParts['current'], href: string, label: string) =>
    parts.current === page
      ? html`<li><a href="${href}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${href}">${label}</a></li>`;
  const header = parts.embed
    ? ''
    : html`<a class="skip" href="#main">${t.skipToContent}</a>
<header class="site-header"><div class="bar"><a class="brand" href="${pageUrl(parts.lang)}">${t.siteName}</a>
<nav class="site-nav" aria-label="${t.siteName}"><ul>${navItem('indicators', pageUrl(parts.lang), t.navIndicators)}${navItem('rate', ratingUrl(parts.lang), t.navRate)}${navItem('privacy', privacyUrl(parts.lang), t.navPrivacy)}<li><a href="/docs">${t.navApi}</a></li><li><a id="lang-switch" href="${parts.switchHref}" hreflang="${other}" lang="${other}">${t.switchLanguage}</a></li></ul></nav></div></header>`;
  const footer = parts.embed
    ? ''
    : html`<footer class="site-footer"><div><p>${t.footer}</p></div></footer>`;
  return `<!doctype html>${html`<html lang="${parts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${parts.title} — ${t.siteName}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${PORTAL_ASSETS.css.path}"><script src="${PORTAL_ASSETS.js.path}" defer></script></head><body${parts.embed ? html` class="embed"` : ''}>${header}<main id="main">${parts.main}</main><p id="status" class="visually-hidden" role="status" aria-live="polite"></p>${footer}</body></html>`}`;
}
