import type { IndicatorDocument } from '../publish/indicator-document.js';
import { formatCount } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';

/** Input objects listed by name in a receipt (the JSON has every one). */
export const RECEIPT_INPUTS_SHOWN = 3;

/**
 * The receipt of a published figure — "how was this computed": the version, the SHA-256 of the
 * SQL, the inputs (count, rows and the first few objects), the code version, the privacy rule
 * with how many cells it suppressed, and the sources.
 */
export function renderReceipt(
  document: Pick<IndicatorDocument, 'indicator' | 'receipt'>,
  lang: PortalLanguage,
): SafeHtml {
  const t = PORTAL_TEXT[lang];
  const { receipt, indicator } = document;
  const rows = receipt.inputs.reduce((sum, input) => sum + input.rows, 0);
  const shown = receipt.inputs.slice(0, RECEIPT_INPUTS_SHOWN);
  const more = receipt.inputs.length - shown.length;
  return html`<dl><dt>${t.receiptVersion}</dt><dd><code>${receipt.version}</code></dd><dt>${t.receiptSql}</dt><dd><code>${receipt.sqlSha256}</code></dd><dt>${t.receiptInputs}</dt><dd>${t.receiptInputsSummary(receipt.inputs.length, formatCount(rows, lang))}<ul>${shown.map(
    (input) => html`<li><code>${input.key}</code> (${formatCount(input.rows, lang)})</li>`,
  )}${more > 0 ? html`<li>${t.receiptInputsMore(more)}</li>` : ''}</ul></dd><dt>${t.receiptCode}</dt><dd><code>${receipt.codeVersion}</code></dd><dt>${t.receiptPrivacyTitle}</dt><dd>${receipt.privacy.minCell === 0 ? t.receiptNoSuppression : t.receiptPrivacy(receipt.privacy.minCell, receipt.privacy.suppressedPrimary, receipt.privacy.suppressedComplementary)}</dd><dt>${t.receiptRows}</dt><dd>${formatCount(receipt.rowCount, lang)}</dd><dt>${t.receiptSources}</dt><dd>${indicator.sources.join(', ')}</dd></dl>`;
}
