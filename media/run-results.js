// The Run results webview's script (loaded with the page's nonce; see run-results-view.ts).
// It renders what the extension posts (webview-protocol.ts) and reports clicks. It builds DOM
// nodes with textContent only: names come from user programs and are never parsed as HTML.
(function () {
  const vscode = acquireVsCodeApi();
  const status = document.getElementById('status');
  const table = document.getElementById('variables');
  const body = table.querySelector('tbody');
  const detail = document.getElementById('detail');
  const detailName = document.getElementById('detail-name');
  const bars = document.getElementById('histogram');
  const axis = document.getElementById('axis');
  const stats = document.getElementById('stats');
  const before = document.getElementById('before');
  const barsBefore = document.getElementById('histogram-before');
  const statsBefore = document.getElementById('stats-before');
  let selected = null;

  const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const num = (x) => (Number.isInteger(x) ? String(x) : Number(x).toPrecision(4));

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }

  function showResults(message) {
    selected = message.selected;
    body.textContent = '';
    if (!message.run) {
      status.textContent = 'Run a file (Scope Lens: Run File) to see the variables it creates.';
      table.hidden = true;
      showDetail(false);
      return;
    }
    const run = message.run;
    status.textContent =
      `${run.label}: ${run.status}, ${run.seconds.toFixed(2)} s — ` +
      `${message.rows.length} variable${message.rows.length === 1 ? '' : 's'}, ` +
      `${count(run.totalParameters)} parameters`;
    table.hidden = message.rows.length === 0;
    if (message.rows.length === 0 || !message.selected) showDetail(false);
    for (const r of message.rows) {
      const tr = document.createElement('tr');
      tr.dataset.name = r.name;
      tr.tabIndex = 0;
      if (r.name === selected) tr.className = 'selected';
      cell(tr, r.name);
      cell(tr, r.shape);
      cell(tr, r.dtype);
      cell(tr, r.trainable ? 'yes' : 'no');
      cell(tr, r.collections.join(', '));
      cell(tr, count(r.parameters), 'num');
      body.appendChild(tr);
    }
  }

  function showDetail(shown) {
    detail.hidden = !shown;
    document.body.classList.toggle('with-detail', shown);
  }

  function drawBars(container, h, peak, what) {
    container.textContent = '';
    container.setAttribute(
      'aria-label',
      `histogram of ${h.total} values ${what}from ${num(h.min)} to ${num(h.max)}`,
    );
    for (let i = 0; i < h.counts.length; i++) {
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.style.height = `${(100 * h.counts[i]) / peak}%`;
      const width = (h.max - h.min) / h.counts.length;
      bar.title = `[${num(h.min + i * width)}, ${num(h.min + (i + 1) * width)}): ${h.counts[i]}`;
      container.appendChild(bar);
    }
  }

  function showStats(list, s) {
    list.textContent = '';
    const entries = s
      ? [
          ['mean', s.mean],
          ['std', s.std],
          ['min', s.min],
          ['max', s.max],
        ]
      : [];
    for (const [k, v] of entries) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = num(v);
      list.append(dt, dd);
    }
  }

  function showHistogram(message) {
    showDetail(true);
    detailName.textContent = message.name;
    const h = message.histogram;
    // Before and after training share one axis and one scale.
    const peak = Math.max(
      1,
      ...h.counts,
      ...(message.before ? message.before.histogram.counts : []),
    );
    before.hidden = !message.before;
    if (message.before) {
      drawBars(barsBefore, message.before.histogram, peak, 'before training ');
      showStats(statsBefore, message.before.stats);
    }
    drawBars(bars, h, peak, message.before ? 'after training ' : '');
    axis.textContent =
      `${num(h.min)} … ${num(h.max)}` +
      (message.sampled < message.size
        ? ` (first ${count(message.sampled)} of ${count(message.size)} values)`
        : ` (${count(message.size)} values)`);
    showStats(stats, message.stats);
  }

  function choose(row) {
    if (!row || !row.dataset.name) return;
    vscode.postMessage({ type: 'select', name: row.dataset.name });
  }

  body.addEventListener('click', (e) => choose(e.target.closest('tr')));
  body.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') choose(e.target.closest('tr'));
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'results') showResults(message);
    else if (message.type === 'histogram') showHistogram(message);
  });

  vscode.postMessage({ type: 'ready' });
})();
