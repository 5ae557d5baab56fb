// Mirante portal: progressive enhancement only. Every page works without this file.
// 1. Filters: apply the GET form without a page reload (fetch the same URL, swap the cards).
// 2. Rating form: post JSON to /v1/feedback with the form's idempotency key; show the receipt.
// 3. Confirmation: its erasure form (POST /avaliar/apagar without this file) sends
//    DELETE /v1/feedback/{id} with the receipt instead; anything but 204 posts the form.
(() => {
  const status = document.getElementById('status');
  const say = (message) => {
    if (status) status.textContent = message;
  };

  const filters = document.querySelector('form[data-enhance="filters"]');
  if (filters && window.fetch && window.DOMParser) {
    const swap = async (url, push) => {
      const target = document.getElementById('indicators');
      if (!target) return false;
      target.setAttribute('aria-busy', 'true');
      try {
        const response = await fetch(url, { headers: { Accept: 'text/html' } });
        if (!response.ok) throw new Error(String(response.status));
        const next = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = next.getElementById('indicators');
        if (!fresh) throw new Error('no indicators');
        target.replaceWith(document.importNode(fresh, true));
        for (const id of ['lang-switch']) {
          const mine = document.getElementById(id);
          const theirs = next.getElementById(id);
          if (mine && theirs) mine.setAttribute('href', theirs.getAttribute('href') || '');
        }
        if (push) history.pushState({ portal: true }, '', url);
        say(filters.dataset.applied || '');
        return true;
      } catch {
        target.removeAttribute('aria-busy');
        return false;
      }
    };
    const urlOf = () => {
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(filters)) {
        if (typeof value === 'string' && value !== '') params.set(name, value);
      }
      const query = params.toString();
      return query ? `${filters.action}?${query}` : filters.action;
    };
    filters.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!(await swap(urlOf(), true))) filters.submit();
    });
    filters.addEventListener('change', () => {
      swap(urlOf(), true);
    });
    window.addEventListener('popstate', () => {
      swap(location.href, false);
    });
  }

  const rating = document.querySelector('form[data-enhance="rating"]');
  if (rating && window.fetch) {
    let sending = false;
    rating.addEventListener('submit', async (event) => {
      if (sending) {
        event.preventDefault();
        return;
      }
      const data = new FormData(rating);
      const body = {};
      for (const [name, value] of data) {
        if (name === 'idempotencyKey' || typeof value !== 'string') continue;
        if (value === '') continue;
        body[name] = name === 'rating' && /^[1-5]$/.test(value) ? Number(value) : value;
      }
      event.preventDefault();
      sending = true;
      let response;
      try {
        response = await fetch('/v1/feedback', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': String(data.get('idempotencyKey') || ''),
          },
          body: JSON.stringify(body),
        });
      } catch {
        // Network trouble: send the same form (same idempotency key) the classic way.
        rating.submit();
        return;
      }
      sending = false;
      if (response.status === 201 || response.status === 200) {
        const created = await response.json();
        const template = document.getElementById('rating-done');
        if (!template) return;
        const done = template.content.firstElementChild.cloneNode(true);
        for (const slot of done.querySelectorAll('[data-slot]')) {
          const value = slot.dataset.slot === 'id' ? created.id : created.receipt;
          if (slot.tagName === 'INPUT') slot.value = value;
          else slot.textContent = value;
        }
        rating.replaceWith(done);
        const heading = done.querySelector('h2');
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
        return;
      }
      if (response.status >= 500 || response.status === 404 || response.status === 405) {
        rating.submit();
        return;
      }
      let problem = {};
      try {
        problem = await response.json();
      } catch {
        problem = {};
      }
      for (const field of rating.querySelectorAll('[aria-invalid]')) {
        field.removeAttribute('aria-invalid');
      }
      const fields = [];
      for (const error of problem.errors || []) {
        const name = String(error.pointer || '').replace(/^\//, '');
        const field = rating.elements.namedItem(name);
        const input = field && 'length' in field && !('options' in field) ? field[0] : field;
        if (input && 'setAttribute' in input) {
          input.setAttribute('aria-invalid', 'true');
          fields.push(input);
        }
      }
      const messages = rating.dataset;
      const text =
        response.status === 429 ? messages.errorBusy : messages.errorInvalid || problem.title;
      say(text || '');
      const box = document.getElementById('rating-error');
      if (box) {
        box.hidden = false;
        box.textContent = text || '';
      }
      if (fields[0]) fields[0].focus();
    });
  }

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.enhance !== 'erase' || !window.fetch) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) {
      if (button.disabled) return;
      button.disabled = true;
    }
    const field = (name) => {
      const el = form.elements.namedItem(name);
      return el && 'value' in el ? el.value : '';
    };
    let ok = false;
    try {
      const response = await fetch(`/v1/feedback/${encodeURIComponent(field('id'))}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${field('receipt')}` },
      });
      ok = response.status === 204;
    } catch {
      ok = false;
    }
    if (!ok) {
      // Not found, unavailable or no network: the server's page says what happened and what to do.
      form.submit();
      return;
    }
    const out = form.closest('.confirmation')?.querySelector('.erase-status');
    if (out) out.textContent = form.dataset.erased || '';
    form.hidden = true;
  });
})();
