// The sample browser. Data comes from the JSON block (parsed, never evaluated) and reaches the page only through
// textContent and DOM properties; image paths are checked to be relative paths under the report's folder.
(function () {
  'use strict';
  var PAGE = 100;
  var FILTERS = [
    ['model', 'model'], ['benchmark', 'benchmark'], ['variant', 'variant'], ['category', 'category'],
    ['attack', 'attack'], ['defense', 'defense'], ['outcome', 'verdict'], ['disagreement', 'judge disagreement']
  ];
  var root = document.documentElement;
  var block = document.getElementById('sample-data');
  var data = block ? JSON.parse(block.textContent) : { samples: [] };
  var samples = data.samples || [];
  var table = document.getElementById('sample-table');
  var tbody = table ? table.tBodies[0] : null;
  var count = document.getElementById('sample-count');
  var more = document.getElementById('sample-more');
  var selects = {};
  var limit = PAGE;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function field(s, key) {
    if (key === 'disagreement') { return s.disagreement ? 'judges disagree' : 'judges agree'; }
    var v = s[key];
    return v === undefined || v === null ? '' : String(v);
  }

  // A relative path of plain segments: no scheme, no leading slash, no '..', nothing a URL could turn into code.
  function safeRelative(path) {
    return typeof path === 'string' && /^[A-Za-z0-9._\-\/]+$/.test(path) && path.charAt(0) !== '/' &&
      path.split('/').indexOf('..') < 0;
  }

  function buildFilters() {
    var box = document.getElementById('sample-filters');
    if (!box) { return; }
    FILTERS.forEach(function (f) {
      var seen = new Set();
      samples.forEach(function (s) { seen.add(field(s, f[0])); });
      var label = el('label', null, f[1]);
      var select = el('select');
      select.id = 'filter-' + f[0];
      select.appendChild(el('option', null, 'all')).value = '';
      Array.from(seen).sort().forEach(function (v) {
        var o = el('option', null, v === '' ? '(none)' : v);
        o.value = v;
        select.appendChild(o);
      });
      select.addEventListener('change', function () { limit = PAGE; render(); });
      selects[f[0]] = select;
      label.appendChild(select);
      box.appendChild(label);
    });
  }

  function matching() {
    return samples.filter(function (s) {
      return FILTERS.every(function (f) {
        var want = selects[f[0]] ? selects[f[0]].value : '';
        return want === '' || field(s, f[0]) === want;
      });
    });
  }

  function render() {
    if (!tbody) { return; }
    var rows = matching();
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.slice(0, limit).forEach(function (s) { tbody.appendChild(summaryRow(s)); });
    count.textContent = rows.length + ' of ' + samples.length + ' samples match; showing ' +
      Math.min(limit, rows.length) + '. Click a row to open it.';
    more.hidden = rows.length <= limit;
  }

  function summaryRow(s) {
    var tr = el('tr', 'sample');
    tr.setAttribute('data-response-id', s.responseId);
    ['model', 'benchmark', 'variant', 'category', 'attack', 'defense', 'polarity', 'outcome'].forEach(function (k) {
      var td = el('td', k === 'outcome' ? 'outcome-' + field(s, k).replace(/[^a-z]/g, '') : null, field(s, k));
      tr.appendChild(td);
    });
    tr.appendChild(el('td', null, s.disagreement ? 'disagree' : 'agree'));
    if (s.simulator) { tr.cells[0].appendChild(el('span', 'sim-badge', 'SIM')); }
    tr.addEventListener('click', function () { toggle(tr, s); });
    return tr;
  }

  function toggle(tr, s) {
    var next = tr.nextSibling;
    if (next && next.className === 'detail') {
      tbody.removeChild(next);
      tr.classList.remove('open');
      return;
    }
    var row = el('tr', 'detail');
    var td = el('td');
    td.colSpan = 9;
    td.appendChild(detail(s));
    row.appendChild(td);
    tbody.insertBefore(row, tr.nextSibling);
    tr.classList.add('open');
  }

  function detail(s) {
    var box = el('div', 'sample-detail');
    box.appendChild(el('p', 'muted', 'case ' + field(s, 'caseId') + ' \u00b7 response ' + s.responseId +
      ' \u00b7 dataset ' + field(s, 'dataset') +
      ' \u00b7 status ' + field(s, 'status') + (s.simulator ? ' \u00b7 SIMULATED model' : '') +
      Object.keys(s.details || {}).map(function (k) { return ' \u00b7 ' + k + ' ' + s.details[k]; }).join('')));
    box.appendChild(el('h4', null, 'Prompt'));
    box.appendChild(el('pre', 'prompt', s.prompt === undefined ? '(no prompt stored)' : s.prompt));
    box.appendChild(el('h4', null, 'Image' + ((s.images || []).length === 1 ? '' : 's')));
    if (!s.images || s.images.length === 0) { box.appendChild(el('p', 'muted', 'none (text-only probe)')); }
    (s.images || []).forEach(function (img) { box.appendChild(image(img)); });
    box.appendChild(el('h4', null, 'Answer'));
    box.appendChild(answer(s));
    box.appendChild(el('h4', null, 'Verdicts'));
    box.appendChild(verdicts(s.verdicts || []));
    return box;
  }

  function image(img) {
    if (!img.linked || !safeRelative(img.path)) {
      return el('p', 'note image-note', 'image not under the output root (not linked): ' + img.path);
    }
    var figure = el('span', 'image');
    var tag = el('img');
    tag.alt = 'attacked image ' + img.path;
    tag.addEventListener('error', function () {
      var note = el('p', 'note image-missing', 'image missing: ' + img.path);
      figure.parentNode.replaceChild(note, figure);
    });
    tag.src = img.path;
    figure.appendChild(tag);
    return figure;
  }

  function answer(s) {
    if (s.text === undefined || s.text === null) { return el('p', 'muted', s.note || 'No text stored.'); }
    if (!s.covered) { return el('pre', 'answer', s.text); }
    var box = el('div', 'covered');
    box.appendChild(el('span', null, 'Covered answer (' + s.textChars + ' characters). '));
    var button = el('button', 'reveal', 'reveal');
    button.type = 'button';
    button.addEventListener('click', function (event) {
      event.stopPropagation();
      box.parentNode.replaceChild(el('pre', 'answer revealed', s.text), box);
    });
    box.appendChild(button);
    return box;
  }

  function verdicts(list) {
    if (list.length === 0) { return el('p', 'muted', 'No verdicts.'); }
    var t = el('table', 'verdicts');
    var head = el('tr');
    ['judge', 'status', 'verdict', 'refused', 'unsafe', 'refused by', 'reason'].forEach(function (h) {
      head.appendChild(el('th', null, h));
    });
    t.appendChild(head);
    list.forEach(function (v) {
      var tr = el('tr');
      [v.judge, v.status, v.verdict, v.refused, v.unsafe, v.refusedBy, v.reason].forEach(function (x) {
        tr.appendChild(el('td', null, x === undefined || x === null ? '\u2013' : x));
      });
      t.appendChild(tr);
    });
    return t;
  }

  if (more) { more.addEventListener('click', function () { limit += PAGE; render(); }); }
  buildFilters();
  render();
  root.setAttribute('data-samples', String(samples.length));
  root.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  root.setAttribute('data-ready', '1');
})();
