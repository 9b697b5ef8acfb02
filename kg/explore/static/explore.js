// kg explore: the page. Every name from the graph reaches the page through
// textContent or Cytoscape's canvas, never as HTML.
'use strict';

const state = { colours: {}, focus: null, selected: null, table: null };
const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function status(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : 'muted';
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

const getJSON = async (path, body) => (await api(path, body)).json();

// ------------------------------------------------------------------ graph
const cy = cytoscape({
  container: $('graph'),
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: {
      'background-color': 'data(colour)', label: 'data(short)', 'font-size': 10,
      'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18,
      'text-background-color': '#fff', 'text-background-opacity': 0.7,
      'font-family': 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' } },
    { selector: 'node.focus', style: { width: 28, height: 28, 'border-width': 3,
                                       'border-color': '#333', 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#d33' } },
    { selector: 'edge', style: {
      width: 1.2, 'line-color': '#bbb', 'target-arrow-color': '#bbb',
      'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
    { selector: 'edge:selected, edge.hover', style: {
      'line-color': '#d33', 'target-arrow-color': '#d33', label: 'data(type)', 'font-size': 8,
      color: '#a22', 'text-rotation': 'autorotate', 'text-background-color': '#fff',
      'text-background-opacity': 0.8 } },
  ],
});

function shortText(text) {
  return text.length > 16 ? text.slice(0, 15) + '…' : text;
}

function addView(view) {
  const added = cy.collection();
  for (const n of view.nodes) {
    if (cy.getElementById(n.id).length) continue;
    added.merge(cy.add({ group: 'nodes', data: {
      id: n.id, label: n.label, caption: n.caption, short: shortText(n.caption),
      colour: state.colours[n.label] || '#ccc', properties: n.properties } }));
  }
  for (const e of view.edges) {
    if (cy.getElementById(e.id).length) continue;
    added.merge(cy.add({ group: 'edges', data: e }));
  }
  return added;
}

function layout() {
  cy.resize();  // the table below may have taken some of the graph's height
  if (!cy.nodes().length) return;
  cy.layout({ name: cy.nodes().length > 2 ? 'fcose' : 'grid', animate: false,
              randomize: true, nodeRepulsion: 9000, idealEdgeLength: 80,
              nodeSeparation: 90, padding: 30 }).run();
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }  // a few nodes stay a readable size
}

function filters() {
  const params = new URLSearchParams();
  document.querySelectorAll('#filter-labels input:checked').forEach((i) => params.append('label', i.value));
  document.querySelectorAll('#filter-types input:checked').forEach((i) => params.append('type', i.value));
  if ($('filter-year').value) params.set('year', $('filter-year').value);
  if ($('filter-jurisdiction').value) params.set('jurisdiction', $('filter-jurisdiction').value);
  if ($('filter-province').value) params.set('province', $('filter-province').value);
  return params;
}

async function expand(key, replace) {
  const params = filters();
  params.set('key', key);
  status('loading…');
  try {
    const view = await getJSON('/api/node?' + params);
    if (replace) { cy.elements().remove(); state.focus = key; }
    addView(view);
    cy.nodes().removeClass('focus');
    cy.getElementById(state.focus || key).addClass('focus');
    if (replace && cy.getElementById(key).length) showDetails(cy.getElementById(key));
    layout();
    status(`${cy.nodes().length} nodes, ${cy.edges().length} relationships` +
           (view.truncated ? ' (neighbours cut at the limit: filter to see the rest)' : ''));
  } catch (err) { status(err.message, true); }
}

function showDetails(element) {
  state.selected = element;
  const box = $('details');
  box.replaceChildren();
  box.className = '';
  const data = element.data();
  const dl = el('dl');
  const rows = element.isNode()
    ? [['label', data.label], ...Object.entries(data.properties)]
    : [['relationship', data.type], ['from', cy.getElementById(data.source).data('caption')],
       ['to', cy.getElementById(data.target).data('caption')], ['years', data.years.join(', ')],
       ['documents', data.documents]];
  for (const [k, v] of rows) {
    dl.append(el('dt', k), el('dd', typeof v === 'object' ? JSON.stringify(v) : v));
  }
  box.append(el('h3', element.isNode() ? data.caption : data.type), dl);
  $('show-provenance').hidden = false;
  $('provenance').replaceChildren();
}

cy.on('tap', 'node', (event) => { showDetails(event.target); expand(event.target.id(), false); });
cy.on('tap', 'edge', (event) => showDetails(event.target));
cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));

// ------------------------------------------------------------- provenance
function highlighted(text, spans) {
  const p = el('p');
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || start < 0 || end > text.length) continue;
    p.append(document.createTextNode(text.slice(at, start)), el('mark', text.slice(start, end)));
    at = end;
  }
  p.append(document.createTextNode(text.slice(at)));
  return p;
}

async function showProvenance() {
  const element = state.selected;
  if (!element) return;
  const params = new URLSearchParams();
  if (element.isNode()) params.set('key', element.id());
  else for (const k of ['source', 'type', 'target']) params.set(k, element.data(k));
  const box = $('provenance');
  box.replaceChildren(el('p', 'loading…', { class: 'muted' }));
  try {
    const { items } = await getJSON('/api/provenance?' + params);
    box.replaceChildren(el('h3', `${items.length} evidence sentence${items.length === 1 ? '' : 's'}`));
    for (const item of items) {
      const div = el('div', null, { class: 'evidence' });
      div.append(el('div', `${item.document || '(untitled)'} · ${item.year ?? ''} · sentence ${item.sentence}`, { class: 'doc' }),
                 highlighted(item.text, item.spans),
                 el('div', item.source, { class: 'source' }));
      box.append(div);
    }
  } catch (err) { box.replaceChildren(el('p', err.message, { class: 'error' })); }
}

// ----------------------------------------------------------------- search
async function search(label) {
  const q = $('search').value;
  const params = new URLSearchParams({ q });
  if (label) params.set('label', label);
  try {
    const found = await getJSON('/api/search?' + params);
    const chips = $('search-counts');
    chips.replaceChildren();
    for (const [name, count] of Object.entries(found.counts)) {
      const chip = el('button', `${name} ${count}`, { type: 'button' });
      if (name === label) chip.classList.add('on');
      chip.addEventListener('click', () => search(name === label ? null : name));
      chips.append(chip);
    }
    const list = $('results');
    list.replaceChildren();
    if (!found.results.length) list.append(el('li', `nothing named “${found.query}”`, { class: 'muted' }));
    for (const r of found.results) {
      const button = el('button', null, { type: 'button', title: r.id });
      const dot = el('span', null, { class: 'dot' });
      dot.style.background = state.colours[r.label] || '#ccc';
      button.append(dot, document.createTextNode(r.caption), el('span', ` ${r.label}`, { class: 'muted' }));
      button.addEventListener('click', () => expand(r.id, true));
      const li = el('li');
      li.append(button);
      list.append(li);
    }
  } catch (err) { status(err.message, true); }
}

// ------------------------------------------------------------------ packs
async function loadPacks() {
  const { packs } = await getJSON('/api/packs');
  const select = $('pack-select');
  for (const pack of packs) {
    select.append(el('option', `${pack.theme} · ${pack.name}`, { value: pack.name }));
  }
  select.addEventListener('change', () => packForm(packs.find((p) => p.name === select.value)));
}

function packForm(pack) {
  const form = $('pack-form');
  form.replaceChildren();
  $('pack-description').textContent = pack ? `${pack.title}. ${pack.description}` : '';
  if (!pack) return;
  for (const p of pack.params) {
    const id = `param-${p.name}`;
    const label = el('label', `${p.name} (${p.type}${p.required ? ', required' : ''})`, { for: id });
    const input = el('input', null, { id, name: p.name });
    if (p.type === 'bool') {
      input.type = 'checkbox';
      input.checked = p.default === true;
    } else {
      input.type = (p.type === 'int' || p.type === 'float') ? 'number' : 'text';
      if (p.type === 'float') input.step = 'any';
      const example = pack.example[p.name];
      input.value = example ?? (p.default === null ? '' : Array.isArray(p.default) ? p.default.join(',') : p.default);
      if (p.required) input.required = true;
    }
    form.append(label, input);
    if (p.help) form.append(el('div', p.help, { class: 'muted' }));
  }
  form.append(el('button', 'Run', { type: 'submit', id: 'run-pack' }));
  form.onsubmit = (event) => { event.preventDefault(); runPack(pack); };
}

async function runPack(pack) {
  const values = {};
  for (const p of pack.params) {
    const input = $(`param-${p.name}`);
    values[p.name] = p.type === 'bool' ? input.checked : input.value;
  }
  status(`running ${pack.name}…`);
  try {
    const result = await getJSON(`/api/packs/${encodeURIComponent(pack.name)}`, values);
    showTable(result.columns, result.rows);
    cy.elements().remove();
    state.focus = null;
    addView(result.graph);
    layout();
    status(`${pack.name}: ${result.rows.length} rows; graph of ${cy.nodes().length} nodes they name`);
  } catch (err) { status(err.message, true); }
}

function cellText(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function showTable(columns, rows) {
  state.table = { columns, rows };
  const table = $('table');
  table.replaceChildren();
  const head = el('tr');
  columns.forEach((c) => head.append(el('th', c)));
  table.append(head);
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((v) => tr.append(el('td', cellText(v))));
    table.append(tr);
  }
  $('download-table').hidden = false;
}

// -------------------------------------------------------------- downloads
function save(blob, name) {
  const a = el('a', null, { download: name });
  a.href = URL.createObjectURL(blob);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function csvText(columns, rows) {
  const quote = (v) => { const s = cellText(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return [columns, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

async function download(kind) {
  try {
    if (kind === 'png') return save(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'kg-view.png');
    if (kind === 'svg') return save(new Blob([cy.svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' }), 'kg-view.svg');
    if (kind === 'table') return save(new Blob([csvText(state.table.columns, state.table.rows)], { type: 'text/csv' }), 'kg-table.csv');
    const keys = cy.nodes().map((n) => n.id());
    const fmt = kind === 'graphml' ? 'graphml' : 'csv';
    const response = await api(`/api/download/${fmt}`, { keys, what: kind });
    save(await response.blob(), kind === 'graphml' ? 'kg-view.graphml' : `kg-view-${kind}.csv`);
  } catch (err) { status(err.message, true); }
}

// ------------------------------------------------------------------ start
function checkboxes(box, values, checked) {
  for (const value of values) {
    const input = el('input', null, { type: 'checkbox', value });
    input.checked = checked(value);
    const label = el('label');
    label.append(input, document.createTextNode(' ' + value));
    box.append(label);
  }
}

async function start() {
  const info = await getJSON('/api/counts');
  state.colours = info.colours;
  const totals = Object.entries(info.labels).map(([k, v]) => `${k} ${v}`).join(' · ');
  $('totals').textContent = totals;
  const entityLabels = Object.keys(info.labels).filter((l) => l !== 'Document' && l !== 'Chunk');
  checkboxes($('filter-labels'), entityLabels, (l) => l !== 'Indicator');
  checkboxes($('filter-types'), info.fact_types, (t) => t !== 'REPORTS');
  info.years.forEach((y) => $('filter-year').append(el('option', y, { value: y })));
  info.jurisdictions.forEach((j) => $('jurisdictions').append(el('option', null, { value: j })));
  info.provinces.forEach((p) => $('filter-province').append(el('option', p, { value: p })));
  await loadPacks();
}

$('search-form').addEventListener('submit', (event) => { event.preventDefault(); search(null); });
$('show-provenance').addEventListener('click', showProvenance);
$('apply-filters').addEventListener('click', () => { if (state.focus) expand(state.focus, true); });
$('relayout').addEventListener('click', layout);
$('clear').addEventListener('click', () => { cy.elements().remove(); state.focus = null; status(''); });
document.querySelectorAll('[data-download]').forEach((b) =>
  b.addEventListener('click', () => download(b.dataset.download)));
start().catch((err) => status(err.message, true));
