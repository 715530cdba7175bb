// The Vigie status page. Every value from the APIs goes into the page through textContent: never innerHTML.
'use strict';

const REFRESH_MS = 30000;
const TOPS = [
  ['top-inbound-sender', 'inbound', 'sender'],
  ['top-inbound-recipient', 'inbound', 'recipient'],
  ['top-outbound-sender', 'outbound', 'sender'],
  ['top-outbound-recipient', 'outbound', 'recipient'],
];

function cell(row, value, numeric) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '' : String(value);
  if (numeric) {
    td.className = 'num';
  }
  row.appendChild(td);
  return td;
}

/** Replaces the table body with one row per item, or a single "no data yet" (or error) row. */
function fill(tableId, items, toCells, emptyText) {
  const table = document.getElementById(tableId);
  const columns = table.tHead.rows[0].cells.length;
  const body = document.createElement('tbody');
  if (!items || items.length === 0) {
    const row = body.insertRow();
    row.className = 'empty';
    const td = cell(row, emptyText || 'no data yet');
    td.colSpan = columns;
  } else {
    for (const item of items) {
      const row = body.insertRow();
      toCells(row, item);
    }
  }
  table.replaceChild(body, table.tBodies[0]);
}

const TOKEN_KEY = 'vigie.read-token';

/** The read token (http.read-token), asked once and kept for this browser tab's session only. */
function readToken() {
  return window.sessionStorage.getItem(TOKEN_KEY);
}

/** Shows the token form after a 401: the engine asks a bearer token for everything but /health. */
function askToken() {
  document.getElementById('token').hidden = false;
}

async function getJson(path) {
  const headers = { Accept: 'application/json' };
  const token = readToken();
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  const response = await fetch(path, { cache: 'no-store', headers: headers });
  if (response.status === 401) {
    askToken();
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return { status: response.status, body: body || {} };
}

/** The empty-state text for an answer without rows: the API's own note when it gives one. */
function emptyText(answer) {
  if (answer.status >= 400 && answer.status !== 503) {
    return 'not available (HTTP ' + answer.status + ')';
  }
  return answer.body.note ? 'no data yet: ' + answer.body.note : 'no data yet';
}

async function refreshTop(tableId, direction, by) {
  const answer = await getJson('/api/top?window=day&metric=count&direction=' + direction + '&by=' + by);
  fill(tableId, answer.body.entries, (row, e) => {
    cell(row, e.rank, true);
    cell(row, e.address);
    cell(row, e.messages, true);
  }, emptyText(answer));
}

async function refreshAlerts() {
  const answer = await getJson('/api/alerts/latest?limit=50');
  fill('alerts', answer.body.alerts, (row, a) => {
    const vigie = a.vigie || {};
    const rule = a.rule || {};
    const level = String(vigie.level || '');
    if (/^[a-z]+$/.test(level)) {
      row.className = 'level-' + level;
    }
    cell(row, a['@timestamp']);
    cell(row, level);
    cell(row, rule.id);
    cell(row, vigie.entity);
    cell(row, a.message);
  }, emptyText(answer));
}

async function refreshIncidents() {
  const answer = await getJson('/api/incidents?status=open&limit=50');
  fill('incidents', answer.body.incidents, (row, i) => {
    const severity = String(i.severity || '');
    if (/^[a-z]+$/.test(severity)) {
      row.className = 'level-' + severity;
    }
    cell(row, i.id);
    cell(row, severity + ((i.escalation || []).length ? ' (phone the CERT)' : ''));
    cell(row, i.updated);
    cell(row, (i.users || []).join(', '));
    cell(row, (i.hosts || []).join(', '));
    cell(row, i.alerts, true);
    cell(row, i.opened_by_user_at || '');
    cell(row, i.steps_done + ' / ' + i.steps);
    cell(row, i.title);
  }, emptyText(answer));
}

async function refreshQueue() {
  const answer = await getJson('/api/queue');
  fill('queue', answer.body.hosts, (row, q) => {
    cell(row, q.host);
    cell(row, q.source);
    cell(row, q.time);
    cell(row, q.queued, true);
    cell(row, q.deferred, true);
    cell(row, q.oldest_queued_seconds, true);
    const domains = Object.entries(q.deferred_by_domain || {})
      .sort((x, y) => y[1] - x[1]).slice(0, 5).map(([d, n]) => d + ' (' + n + ')');
    cell(row, domains.join(', '));
  }, emptyText(answer));
}

async function refreshDmarc() {
  const answer = await getJson('/api/dmarc/summary?days=7');
  fill('dmarc', answer.body.domains, (row, d) => {
    const t = d.totals || {};
    cell(row, d.domain);
    cell(row, t.messages, true);
    cell(row, t.pass, true);
    cell(row, t.fail, true);
    cell(row, t.failing_from_unknown, true);
    cell(row, t.failing_from_legitimate, true);
    const top = (d.top_failing_unknown_sources || [])[0];
    cell(row, top ? top.ip + ' (' + top.fail + ' failing)' : '');
  }, emptyText(answer));
}

async function guarded(tableId, refresh) {
  try {
    await refresh();
  } catch (e) {
    fill(tableId, [], null, 'not available: ' + e);
  }
}

async function refreshAll() {
  await Promise.all([
    guarded('incidents', refreshIncidents),
    guarded('alerts', refreshAlerts),
    guarded('queue', refreshQueue),
    guarded('dmarc', refreshDmarc),
    ...TOPS.map(([id, direction, by]) => guarded(id, () => refreshTop(id, direction, by))),
  ]);
  document.getElementById('refreshed').textContent = new Date().toISOString();
}

document.addEventListener('DOMContentLoaded', () => {
  refreshAll();
  setInterval(refreshAll, REFRESH_MS);
});

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-value');
  window.sessionStorage.setItem(TOKEN_KEY, input.value.trim());
  input.value = '';
  document.getElementById('token').hidden = true;
  refreshAll();
});
