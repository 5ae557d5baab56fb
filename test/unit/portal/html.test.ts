import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../../functions/portal/html.js';

describe('html', () => {
  it('escapes interpolated text and attribute values', () => {
    const name = `"><script>alert('x')</script>&`;
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    expect(escapeHtml('a < b')).toBe('a &lt; b');
  });

  it('keeps safe fragments, joins lists and drops empty values', () => {
    const items = ['a&b', 'c'].map((v) => html`<li>${v}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${raw('<hr>')}${0}`.toString()).toBe(
      '<ul><li>a&amp;b</li><li>c</li></ul><hr>0',
    );
  });
});
