// The report's planner: start from a scenario, change what happens to sites,
// and see coverage, losses and gains, cost and the worst closures worked out
// again at once, by the program's own rules (scenario/resolve and
// analysis/scenario_run): a family is covered within a distance when its
// nearest open service point (a centre where it stands, a centre moved into a
// library, a new base in a library) is within it; losses and gains compare
// families covered before and now; a centre moved into a library costs its
// moved cost; outreach sessions and library bases cost their own. It reads the
// data the program embedded (data.planner: each family's distances to the
// sites within reach, the sites, each scenario's state and costs), so it works
// offline in one file. It marks <body> with data-planner-* for the browser test.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var P = data.planner;
  var app = document.getElementById('planner-app');
  if (!P || !app || P.scenarios.length === 0) { return; }

  var sites = P.sites;
  var centreCount = sites.filter(function (s) { return s.kind === 'centre'; }).length;
  var libraryCount = sites.length - centreCount;
  // The program embeds families as columns (web size at postcode level); rows are easier here.
  var families = P.families.area.map(function (a, i) {
    var area = P.areas[a];
    return { code: area.code, district: area.district, idaci: area.idaci, area: area.map, areaIndex: a,
      postcode: P.families.postcode[i], under5: P.families.under5[i], near: P.families.near[i],
      beyond: P.families.beyond[i] };
  });
  // The program's uncertainty draws, repeated here (draws.js): null when the run made none.
  var draws = window.centrecovDraws ? window.centrecovDraws.make(P) : null;
  var sharedOverPostcodes = P.families.area.length > P.areas.length;
  var state = null;  // {start, centre: [status], bases: Set, outreach: Set, budget}
  var start = null;  // the scenario started from
  var today = P.scenarios[0];
  var figures = null;

  // --- small helpers (text only: names come from the input files) ---
  function element(tag, attributes, children) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attributes[k]; } else { e.setAttribute(k, attributes[k]); }
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function commas(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function pounds(v) { return v === null ? 'not stated' : '£' + commas(v); }
  function km(metres) {
    var k = metres / 1000;
    return (Math.abs(k - Math.round(k)) < 1e-9 ? k.toFixed(0) : k.toFixed(1)) + ' km';
  }
  function percent(part, whole) { return whole > 0 ? (100 * part / whole).toFixed(1) + ' %' : '-'; }
  function library(l) { return sites[centreCount + l]; }

  // --- state from a scenario, and what it serves ---
  function movedOf(scenario) {
    var moved = {};
    scenario.moved.forEach(function (pair) { moved[pair[0]] = pair[1]; });
    return moved;
  }
  function stateOf(scenario) {
    var open = new Set(scenario.open);
    var moved = movedOf(scenario);
    var status = [];
    for (var c = 0; c < centreCount; c++) {
      status.push(!open.has(c) ? 'closed' : (moved[c] !== undefined ? moved[c] : 'open'));
    }
    return { start: scenario, centre: status, bases: new Set(scenario.bases), outreach: new Set(scenario.outreach),
      budget: scenario.budget };
  }
  // The place (site number) each open service stands at; unplaced sites serve nobody on the map.
  function servicePlaces(s) {
    var places = new Uint8Array(sites.length);
    s.centre.forEach(function (status, c) {
      var place = status === 'open' ? c : (status === 'closed' ? -1 : centreCount + status);
      if (place >= 0 && sites[place].lat !== null) { places[place] = 1; }
    });
    s.bases.forEach(function (l) { if (library(l).lat !== null) { places[centreCount + l] = 1; } });
    return places;
  }
  function nearestDistances(s) {
    var places = servicePlaces(s);
    var best = new Float64Array(families.length);
    families.forEach(function (f, i) {
      var d = Infinity;
      for (var k = 0; k < f.near.length; k += 2) {
        if (places[f.near[k]] && f.near[k + 1] < d) { d = f.near[k + 1]; }
      }
      // Nothing within reach: the nearest of all sites is the nearest open one if it is open; else
      // the distance is not known here, only that it is beyond reach (Infinity).
      if (d === Infinity && f.beyond && places[f.beyond[0]]) { d = f.beyond[1]; }
      best[i] = d;
    });
    return best;
  }
  // Summed in the program's order (open centres, bases, outreach, each ascending), so the pounds agree.
  function costOf(s) {
    var scenario = s.start;
    if (!scenario.costs_stated) { return null; }
    var total = 0;
    var known = true;
    function add(value) { if (value === null) { known = false; } else { total += value; } }
    s.centre.forEach(function (status, c) {
      if (status === 'open') { add(scenario.centre_cost[c]); }
      if (typeof status === 'number') { add(scenario.moved_cost[c]); }
    });
    Array.from(s.bases).sort(function (a, b) { return a - b; }).forEach(function (l) { add(scenario.base_cost[l]); });
    Array.from(s.outreach).sort(function (a, b) { return a - b; }).forEach(function (l) {
      add(scenario.outreach_cost[l]);
    });
    return known ? total : null;
  }

  function compute() {
    var thresholds = start.thresholds;
    var now = nearestDistances(state);
    var before = nearestDistances(stateOf(start));
    var first = nearestDistances(stateOf(today));
    var total = 0;
    var rows = thresholds.map(function (t) {
      return { threshold: t, covered: 0, lost: 0, gained: 0, lostToday: 0, gainedToday: 0 };
    });
    var lostByDistrict = {};
    var lostByIdaci = {};
    families.forEach(function (f, i) {
      total += f.under5;
      rows.forEach(function (r, t) {
        var within = now[i] <= r.threshold;
        var was = before[i] <= r.threshold;
        var wasToday = first[i] <= r.threshold;
        if (within) { r.covered += f.under5; }
        if (was && !within) {
          r.lost += f.under5;
          if (t === 0) {
            var district = P.districts[f.district];
            lostByDistrict[district] = (lostByDistrict[district] || 0) + f.under5;
            var decile = f.idaci >= 1 ? 'decile ' + f.idaci : 'no decile';
            lostByIdaci[decile] = (lostByIdaci[decile] || 0) + f.under5;
          }
        }
        if (within && !was) { r.gained += f.under5; }
        if (wasToday && !within) { r.lostToday += f.under5; }
        if (within && !wasToday) { r.gainedToday += f.under5; }
      });
    });
    figures = { total: total, rows: rows, now: now, before: before, today: first, cost: costOf(state),
      lostByDistrict: lostByDistrict, lostByIdaci: lostByIdaci, closures: closures(now), ranges: null };
    if (draws) {
      var mine = figures;
      var plan = { now: servicePlaces(state), start: servicePlaces(stateOf(start)),
        today: servicePlaces(stateOf(today)), thresholds: thresholds };
      var best = {};
      ['lost', 'gained', 'lostToday', 'gainedToday'].forEach(function (name) {
        best[name] = rows.map(function (r) { return r[name]; });
      });
      best.share = rows.map(function (r) { return total > 0 ? r.covered / total : 0; });
      best.areas = byAreaAgainstToday(figures);
      draws.ranges(plan, best, function (ranges) {
        if (figures === mine) {
          figures.ranges = ranges;
          render();
          if (csvWanted) { downloadCsv(); }
        }
      });
    }
  }

  // Each service open in the start but not now, and the under-5s it alone would bring back.
  function closures(now) {
    var startState = stateOf(start);
    var list = [];
    function consider(place, name) {
      if (sites[place].lat === null) { return; }
      var left = start.thresholds.map(function (t) {
        var n = 0;
        families.forEach(function (f, i) {
          if (now[i] <= t) { return; }
          for (var k = 0; k < f.near.length; k += 2) {
            if (f.near[k] === place && f.near[k + 1] <= t) { n += f.under5; return; }
          }
        });
        return n;
      });
      list.push({ name: name, left: left, precision: sites[place].precision });
    }
    startState.centre.forEach(function (status, c) {
      if (status !== 'closed' && state.centre[c] === 'closed') {
        consider(status === 'open' ? c : centreCount + status, sites[c].name);
      }
    });
    startState.bases.forEach(function (l) {
      if (!state.bases.has(l)) { consider(centreCount + l, library(l).name + ' (library base)'); }
    });
    return list;
  }

  // --- exports ---
  function idsOf(indices, offset) {
    return indices.map(function (i) { return JSON.stringify(sites[offset + i].id); }).join(', ');
  }
  function setsDiffer(a, b) {
    if (a.size !== b.size) { return true; }
    var differ = false;
    a.forEach(function (x) { if (!b.has(x)) { differ = true; } });
    return differ;
  }
  function exportScenario() {
    var from = stateOf(start);
    var close = [];
    var keep = [];
    var moves = [];
    state.centre.forEach(function (status, c) {
      var was = from.centre[c];
      if (status === was) { return; }
      if (status === 'closed') { close.push(c); } else if (status === 'open') { keep.push(c); } else { moves.push(c); }
    });
    var lines = ['[[scenario]]', 'id = "planner"',
      'name = ' + JSON.stringify('Planner: changes to ' + start.name), 'start_from = ' + JSON.stringify(start.id),
      'description = "Made in the report\'s planner."'];
    if (close.length) { lines.push('close = [' + idsOf(close, 0) + ']'); }
    if (keep.length) { lines.push('keep = [' + idsOf(keep, 0) + ']'); }
    if (moves.length) {
      lines.push('colocate = [' + moves.map(function (c) {
        return '{ centre = ' + JSON.stringify(sites[c].id) + ', library = ' +
          JSON.stringify(library(state.centre[c]).id) + ' }';
      }).join(', ') + ']');
    }
    if (setsDiffer(state.bases, from.bases)) {
      lines.push('library_bases = [' + idsOf(Array.from(state.bases).sort(function (a, b) { return a - b; }),
        centreCount) + ']');
    }
    if (setsDiffer(state.outreach, from.outreach)) {
      var sessions = 'outreach = { sites = [' + idsOf(Array.from(state.outreach).sort(function (a, b) {
        return a - b;
      }), centreCount) + '], weight = ' + (start.outreach_weight || 0.2);
      if (start.outreach_thresholds.join() !== start.thresholds.join()) {
        sessions += ', thresholds_m = [' + start.outreach_thresholds.join(', ') + ']';
      }
      lines.push(sessions + ' }');
    }
    if (state.budget !== null && state.budget !== start.budget) { lines.push('budget = ' + state.budget); }
    return lines.join('\n') + '\n';
  }
  // Edits as a URL fragment: the start, and each site whose state differs from it.
  function linkFragment() {
    var from = stateOf(start);
    var plan = { start: start.id, centres: {}, bases: Array.from(state.bases).map(function (l) {
      return library(l).id;
    }), outreach: Array.from(state.outreach).map(function (l) { return library(l).id; }), budget: state.budget };
    state.centre.forEach(function (status, c) {
      if (status !== from.centre[c]) {
        plan.centres[sites[c].id] = typeof status === 'number' ? library(status).id : status;
      }
    });
    return '#plan=' + encodeURIComponent(JSON.stringify(plan));
  }
  // A plan from a link: {ok: true, note} when restored (note names what was dropped), else {ok: false, why}.
  // Anything may arrive in a fragment, so every part is checked before it is used.
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isRecord(x) { return x !== null && typeof x === 'object' && !Array.isArray(x); }
  function applyFragment(hash) {
    var plan;
    try { plan = JSON.parse(decodeURIComponent(hash.replace(/^#plan=?/, ''))); } catch (ignored) {
      return { ok: false, why: 'it is not a plan this page wrote (it cannot be read)' };
    }
    if (!isRecord(plan)) { return { ok: false, why: 'it holds no plan' }; }
    if (typeof plan.start !== 'string') { return { ok: false, why: 'it names no scenario to start from' }; }
    var scenario = P.scenarios.filter(function (s) { return s.id === plan.start; })[0];
    if (!scenario) { return { ok: false, why: 'this report has no scenario "' + plan.start + '" to start from' }; }
    var centreIndex = new Map();
    var libraryIndex = new Map();
    sites.forEach(function (s, i) {
      if (i < centreCount) { centreIndex.set(s.id, i); } else { libraryIndex.set(s.id, i - centreCount); }
    });
    var dropped = [];
    var next = stateOf(scenario);
    var centres = isRecord(plan.centres) ? plan.centres : {};
    if (plan.centres !== undefined && !isRecord(plan.centres)) { dropped.push('the centres part'); }
    Object.keys(centres).forEach(function (id) {
      if (!own(centres, id)) { return; }
      var c = centreIndex.get(id);
      var value = centres[id];
      if (c === undefined || sites[c].same_as) { dropped.push(id); return; }
      var moved = movedOf(scenario)[c];
      if (value === 'closed') { next.centre[c] = value; }
      else if (value === 'open') { next.centre[c] = moved !== undefined ? moved : 'open'; }  // a file cannot un-move
      else if (typeof value === 'string' && libraryIndex.has(value) && library(libraryIndex.get(value)).lat !== null) {
        next.centre[c] = libraryIndex.get(value);
      } else { dropped.push(id); }
    });
    function known(ids) {
      var out = new Set();
      if (ids === undefined) { return out; }
      if (!Array.isArray(ids)) { dropped.push('a list of libraries'); return out; }
      ids.forEach(function (id) {
        if (typeof id === 'string' && libraryIndex.has(id)) { out.add(libraryIndex.get(id)); } else { dropped.push(String(id)); }
      });
      return out;
    }
    next.bases = known(plan.bases);
    next.outreach = known(plan.outreach);
    next.budget = typeof plan.budget === 'number' && isFinite(plan.budget) && plan.budget >= 0 ?
      Math.round(plan.budget) : null;
    start = scenario;
    state = next;
    return { ok: true, note: dropped.length === 0 ? '' : ' Left out, as this report does not have them: ' +
      dropped.slice(0, 8).join(', ') + (dropped.length > 8 ? ' and ' + (dropped.length - 8) + ' more' : '') + '.' };
  }
  // Per small area and threshold, the under-5s who lose and gain against today (the first scenario),
  // whatever the plan starts from: a campaigner asks what changes from what families have now.
  // {lost: Map, gained: Map}, keyed area * thresholds + threshold, only where not 0.
  function byAreaAgainstToday(f) {
    var T = start.thresholds.length;
    var lost = new Map();
    var gained = new Map();
    function add(map, key, v) { map.set(key, (map.get(key) || 0) + v); }
    families.forEach(function (family, i) {
      start.thresholds.forEach(function (t, k) {
        var was = f.today[i] <= t;
        var within = f.now[i] <= t;
        if (was && !within) { add(lost, family.areaIndex * T + k, family.under5); }
        if (within && !was) { add(gained, family.areaIndex * T + k, family.under5); }
      });
    });
    return { lost: lost, gained: gained };
  }
  // A text cell as the program's CSVs write it: an apostrophe before a formula a spreadsheet would
  // run (the program's list, io/writers), quoted when it holds a comma, quote or line end.
  function csvCell(value) {
    if (typeof value === 'number') { return String(value); }
    var text = String(value);
    if (text !== '' && P.csv_formula_starts.indexOf(text.charAt(0)) >= 0) { text = '\'' + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  // One row per small area (LSOA): its under-5s, and those who lose and gain a centre within each
  // distance against today, in whole children (families are shared over postcodes in fractions;
  // an area's total is rounded once), each with its range over the draws when the run made them.
  function lossesCsv() {
    var T = start.thresholds.length;
    var mine = byAreaAgainstToday(figures);
    var ranges = figures.ranges ? figures.ranges.areas : null;
    var header = ['lsoa_code', 'lsoa_name', 'district', 'idaci_decile', 'under5', 'against'];
    start.thresholds.forEach(function (t) {
      ['lost_within_' + t + 'm', 'gained_within_' + t + 'm'].forEach(function (name) {
        header.push(name);
        if (ranges) { header.push(name + '_low', name + '_high'); }
      });
    });
    var under5 = new Float64Array(P.areas.length);
    families.forEach(function (f) { under5[f.areaIndex] += f.under5; });
    var lines = [header.map(csvCell).join(',')];
    P.areas.forEach(function (area, a) {
      var row = [area.code, area.name, P.districts[area.district], area.idaci >= 1 ? area.idaci : '',
        Math.round(under5[a]), today.name];
      for (var k = 0; k < T; k++) {
        [['lost', mine.lost], ['gained', mine.gained]].forEach(function (pair) {
          row.push(Math.round(pair[1].get(a * T + k) || 0));
          if (ranges) {
            var range = ranges[pair[0]].get(a * T + k) || { low: 0, high: 0 };
            row.push(Math.round(range.low), Math.round(range.high));
          }
        });
      }
      lines.push(row.map(csvCell).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }
  // The CSV waits for the ranges when the draws are still being worked through.
  var csvWanted = false;
  function downloadCsv() {
    if (draws && !figures.ranges) {
      csvWanted = true;
      status.textContent = 'The CSV follows once the ranges are worked out.';
      return;
    }
    csvWanted = false;
    download('losses-by-area.csv', 'text/csv', lossesCsv());
  }
  function download(name, type, content) {
    var link = element('a', { href: URL.createObjectURL(new Blob([content], { type: type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // --- the page ---
  var controls = element('div', { class: 'controls' });
  var startSelect = element('select', { id: 'planner-start' });
  P.scenarios.forEach(function (s, i) { startSelect.appendChild(element('option', { value: String(i), text: s.name })); });
  var budgetInput = element('input', { id: 'planner-budget', type: 'number', min: '0', step: '1000' });
  var exportButton = element('button', { id: 'planner-export', type: 'button', text: 'Export scenario' });
  var linkButton = element('button', { id: 'planner-link', type: 'button', text: 'Copy link' });
  var csvButton = element('button', { id: 'planner-csv', type: 'button',
    text: 'Download CSV: who loses and gains, by area, against ' + today.name });
  var resetButton = element('button', { id: 'planner-reset', type: 'button', text: 'Start again' });
  controls.appendChild(element('label', {}, [document.createTextNode('Start from '), startSelect]));
  controls.appendChild(document.createTextNode(' '));
  controls.appendChild(element('label', {}, [document.createTextNode('Budget £ '), budgetInput]));
  [resetButton, exportButton, linkButton, csvButton].forEach(function (b) {
    controls.appendChild(document.createTextNode(' '));
    controls.appendChild(b);
  });
  // What a change did, in a sentence, read out by screen readers (the figures below are not: too long to hear
  // after every click).
  var status = element('p', { id: 'planner-status', class: 'status', role: 'status' });
  var results = element('div', { id: 'planner-results' });
  var exported = element('textarea', { id: 'planner-toml', rows: '8', cols: '90', readonly: 'readonly',
    'aria-label': 'The scenario, for centrecov scenarios', hidden: 'hidden' });
  var mapDiv = element('div', { id: 'planner-map', role: 'group',
    'aria-label': 'Map of the plan: each site is a button that closes or reopens it' });
  var siteTable = element('table', { id: 'planner-sites', class: 'small' });
  var skip = element('a', { class: 'skip', href: '#planner-sites-heading', text: 'Skip the map to the table of sites' });
  var planLegend = element('p', { id: 'planner-legend' });
  app.appendChild(controls);
  app.appendChild(status);
  app.appendChild(element('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'The plan\'s figures' },
    [results]));
  app.appendChild(exported);
  app.appendChild(skip);
  app.appendChild(mapDiv);
  app.appendChild(planLegend);
  app.appendChild(element('details', { open: 'open' }, [element('summary', { id: 'planner-sites-heading',
    text: 'Every site: change what happens to it' }),
  element('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Every site' }, [siteTable])]));

  // Sites in the table by kind, then name; the select for a centre offers its libraries nearest first.
  var libraryOrder = [];
  for (var l = 0; l < libraryCount; l++) { if (library(l).lat !== null) { libraryOrder.push(l); } }
  function distanceDegrees(a, b) {
    var dx = (a.lon - b.lon) * Math.cos(a.lat * Math.PI / 180);
    var dy = a.lat - b.lat;
    return dx * dx + dy * dy;
  }
  function centreOptions(c) {
    var select = element('select', { 'data-site': sites[c].id, 'aria-label': 'What happens to ' + sites[c].name });
    var moved = movedOf(start)[c];
    if (moved === undefined) { select.appendChild(element('option', { value: 'open', text: 'open where it stands' })); }
    select.appendChild(element('option', { value: 'closed', text: 'closed' }));
    var order = libraryOrder.slice();
    if (sites[c].lat !== null) {
      order.sort(function (a, b) { return distanceDegrees(sites[c], library(a)) - distanceDegrees(sites[c], library(b)); });
    }
    order.forEach(function (lib) {
      select.appendChild(element('option', { value: String(lib), text: 'moved into ' + library(lib).name }));
    });
    select.addEventListener('change', function () {
      state.centre[c] = select.value === 'open' || select.value === 'closed' ? select.value : Number(select.value);
      update(sites[c].name + ': ' + select.options[select.selectedIndex].text + '.');
    });
    return select;
  }
  function checkbox(l, set, what) {
    var box = element('input', { type: 'checkbox', 'data-site': library(l).id, 'data-kind': what,
      'aria-label': what + ' in ' + library(l).name });
    box.addEventListener('change', function () {
      if (box.checked) { set().add(l); } else { set().delete(l); }
      update(library(l).name + ': ' + (what === 'base' ? 'a base' : 'sessions') + (box.checked ? ' added.' : ' removed.'));
    });
    return box;
  }
  function buildTable() {
    siteTable.textContent = '';
    siteTable.appendChild(element('thead', {}, [element('tr', {}, ['Site', 'Kind', 'Placed by', 'In this plan']
      .map(function (h) { return element('th', { text: h }); }))]));
    var body = element('tbody');
    sites.forEach(function (s, i) {
      var cell = element('td');
      if (s.kind === 'centre') {
        if (s.same_as) { cell.textContent = 'counted under ' + s.same_as + ' (same building)'; } else {
          cell.appendChild(centreOptions(i));
        }
      } else {
        var lib = i - centreCount;
        if (start.libraries_open.indexOf(lib) < 0 && !state.bases.has(lib) && !state.outreach.has(lib)) {
          cell.textContent = 'not open in ' + start.name;
        } else {
          cell.appendChild(element('label', {}, [checkbox(lib, function () { return state.outreach; }, 'outreach'),
            document.createTextNode(' sessions ')]));
          cell.appendChild(element('label', {}, [checkbox(lib, function () { return state.bases; }, 'base'),
            document.createTextNode(' a base')]));
        }
      }
      body.appendChild(element('tr', {}, [element('td', { text: s.name }), element('td', { text: s.kind }),
        element('td', { text: s.lat === null ? s.precision + ' (not on the map)' : s.precision }), cell]));
    });
    siteTable.appendChild(body);
  }
  function syncControls() {
    Array.prototype.forEach.call(siteTable.querySelectorAll('select[data-site]'), function (select) {
      var c = sites.findIndex(function (s) { return s.id === select.getAttribute('data-site') && s.kind === 'centre'; });
      select.value = String(state.centre[c]);
    });
    Array.prototype.forEach.call(siteTable.querySelectorAll('input[data-site]'), function (box) {
      var id = box.getAttribute('data-site');
      var lib = sites.findIndex(function (s, i) { return i >= centreCount && s.id === id; }) - centreCount;
      box.checked = (box.getAttribute('data-kind') === 'base' ? state.bases : state.outreach).has(lib);
    });
    budgetInput.value = state.budget === null ? '' : String(state.budget);
  }

  // The planner's own map: areas by what the plan does to them, sites that toggle when clicked.
  var map = L.map('planner-map', { zoomSnap: 0.25 });
  var svg = L.svg();
  var areaLayer = L.geoJSON({ type: 'FeatureCollection', features: data.areas.map(function (a, i) {
    return { type: 'Feature', properties: { index: i }, geometry: { type: 'MultiPolygon', coordinates: a.geometry } };
  }) }, { style: function () { return { fillColor: '#bbbbbb', fillOpacity: 0.7, color: '#fff', weight: 0.5 }; },
    interactive: false }).addTo(map);
  map.fitBounds(areaLayer.getBounds());  // before any marker: paths exist only on a map with a view
  // An area's families (one at its centroid, or one per postcode): it takes the colour of most of its under-5s.
  var familiesOfArea = {};
  families.forEach(function (f, i) {
    if (f.area >= 0) { (familiesOfArea[f.area] = familiesOfArea[f.area] || []).push(i); }
  });
  var siteLayer = L.layerGroup().addTo(map);
  // Colour-blind safe (Okabe and Ito's vermilion and blue, apart in lightness too).
  var planColours = { lost: '#d55e00', gained: '#0072b2', covered: '#9ecae1', beyond: '#e0e0e0' };
  var planLabels = { lost: 'loses its centre within ', gained: 'gains one within ', covered: 'within ',
    beyond: 'beyond ' };
  function drawLegend() {
    var t = km(start.thresholds[0]);
    planLegend.textContent = '';
    planLegend.appendChild(document.createTextNode('Areas (by most of their under-5s): '));
    ['lost', 'gained', 'covered', 'beyond'].forEach(function (k) {
      planLegend.appendChild(element('span', { class: 'key' }, [swatch(planColours[k], 'rect'),
        document.createTextNode(planLabels[k] + t)]));
    });
    planLegend.appendChild(document.createTextNode(' Sites: '));
    [['#08519c', 'centre open'], ['#ff7f00', 'library with sessions or a base'], ['#ffffff', 'closed, or no service']]
      .forEach(function (k) {
        planLegend.appendChild(element('span', { class: 'key' }, [swatch(k[0], 'circle'), document.createTextNode(k[1])]));
      });
  }
  function swatch(colour, shape) {
    var ns = 'http://www.w3.org/2000/svg';
    var svgElement = document.createElementNS(ns, 'svg');
    svgElement.setAttribute('class', 'swatch');
    svgElement.setAttribute('width', '14');
    svgElement.setAttribute('height', '14');
    svgElement.setAttribute('aria-hidden', 'true');
    var mark = document.createElementNS(ns, shape);
    if (shape === 'rect') {
      [['x', '0.5'], ['y', '0.5'], ['width', '13'], ['height', '13']].forEach(function (a) { mark.setAttribute(a[0], a[1]); });
    } else {
      [['cx', '7'], ['cy', '7'], ['r', '5']].forEach(function (a) { mark.setAttribute(a[0], a[1]); });
    }
    mark.setAttribute('fill', colour);
    mark.setAttribute('stroke', '#333');
    svgElement.appendChild(mark);
    return svgElement;
  }
  function serving(i) {
    if (i < centreCount) { return state.centre[i] !== 'closed'; }
    return state.bases.has(i - centreCount) || state.outreach.has(i - centreCount);
  }
  function siteState(i) {
    if (i < centreCount) {
      var status = state.centre[i];
      return status === 'closed' ? 'closed' : (status === 'open' ? 'open' : 'moved into ' + library(status).name);
    }
    var l = i - centreCount;
    var parts = [];
    if (state.outreach.has(l)) { parts.push('sessions'); }
    if (state.bases.has(l)) { parts.push('a base'); }
    return parts.length ? parts.join(' and ') : 'no service';
  }
  function drawMap() {
    var t = start.thresholds[0];
    areaLayer.eachLayer(function (layer) {
      var weight = { lost: 0, gained: 0, covered: 0, beyond: 0 };
      (familiesOfArea[layer.feature.properties.index] || []).forEach(function (i) {
        var now = figures.now[i] <= t;
        var before = figures.before[i] <= t;
        weight[before && !now ? 'lost' : (now && !before ? 'gained' : (now ? 'covered' : 'beyond'))] += families[i].under5;
      });
      var kind = ['lost', 'gained', 'covered', 'beyond'].reduce(function (a, b) { return weight[b] > weight[a] ? b : a; });
      layer.setStyle({ fillColor: planColours[kind] });
    });
    drawLegend();
    var focused = document.activeElement && document.activeElement.getAttribute &&
      mapDiv.contains(document.activeElement) ? document.activeElement.getAttribute('data-site-index') : null;
    siteLayer.clearLayers();
    // Libraries first, centres last: a centre is drawn over (and clicked before) a library beside it.
    var order = sites.map(function (s, i) { return i; }).filter(function (i) {
      return sites[i].lat !== null && !(sites[i].kind === 'centre' && sites[i].same_as);
    }).sort(function (a, b) { return (a < centreCount ? 1 : 0) - (b < centreCount ? 1 : 0) || a - b; });
    order.forEach(function (i) {
      var s = sites[i];
      var centre = i < centreCount;
      var marker = L.circleMarker([s.lat, s.lon], { renderer: svg, radius: centre ? 7 : 4,
        color: '#222', weight: 1, fillOpacity: 1, className: 'planner-site',
        fillColor: serving(i) ? (centre ? '#08519c' : '#ff7f00') : '#ffffff' });
      var action = centre ? (state.centre[i] === 'closed' ? 'reopen' : 'close') :
        (state.outreach.has(i - centreCount) ? 'end sessions' : 'add sessions');
      var name = s.name + ', ' + s.kind + ', ' + siteState(i) + ': ' + action;
      marker.bindTooltip(s.name + ' (' + siteState(i) + '; click: ' + action + ')');
      marker.on('click', function () { toggle(i); });
      marker.addTo(siteLayer);
      var path = marker.getElement();
      path.setAttribute('data-site', s.id);
      path.setAttribute('data-site-index', String(i));
      path.setAttribute('tabindex', '0');
      path.setAttribute('role', 'button');
      path.setAttribute('aria-label', name);
      path.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          toggle(i);
        }
      });
    });
    if (focused !== null) {
      var again = mapDiv.querySelector('path[data-site-index="' + focused + '"]');
      if (again) { again.focus(); }
    }
  }
  function toggle(i) {
    if (i < centreCount) {
      var moved = movedOf(start)[i];
      state.centre[i] = state.centre[i] === 'closed' ? (moved !== undefined ? moved : 'open') : 'closed';
    } else if (state.outreach.has(i - centreCount)) {
      state.outreach.delete(i - centreCount);
    } else {
      state.outreach.add(i - centreCount);
    }
    update(sites[i].name + ' (' + sites[i].kind + '): now ' + siteState(i) + '.');
  }

  function table(caption, heading, counts) {
    var keys = Object.keys(counts).filter(function (k) { return counts[k] > 0; }).sort(function (a, b) {
      return counts[b] - counts[a] || (a < b ? -1 : 1);
    });
    if (keys.length === 0) { return element('p', { text: caption + ': nobody.' }); }
    return element('table', { class: 'small lost' }, [element('caption', { text: caption }),
      element('tr', {}, [element('th', { text: heading }), element('th', { class: 'n', text: 'under-5s' })])]
      .concat(keys.map(function (k) {
        return element('tr', {}, [element('td', { text: k }), element('td', { class: 'n', text: commas(counts[k]) })]);
      })));
  }
  function precisionSentence() {
    var counts = {};
    state.centre.forEach(function (status, c) {
      if (status === 'closed') { return; }
      var place = status === 'open' ? c : centreCount + status;
      counts[sites[place].precision] = (counts[sites[place].precision] || 0) + 1;
    });
    state.bases.forEach(function (l) { counts[library(l).precision] = (counts[library(l).precision] || 0) + 1; });
    return 'Open service points placed by: ' + Object.keys(counts).sort().map(function (k) {
      return k + ' ' + counts[k];
    }).join(', ') + '. ' + P.caveat;
  }
  // "37.7 % (34.1-41.2 %)" and "1,234 (1,100-1,400)", as the program writes figures with their ranges.
  function shareIn(r, t) {
    var text = percent(r.covered, figures.total);
    if (!figures.ranges) { return text; }
    var range = figures.ranges.share[t];
    return text + ' (' + (100 * range.low).toFixed(1) + '-' + (100 * range.high).toFixed(1) + ' %)';
  }
  function countIn(value, name, t) {
    if (!figures.ranges) { return commas(value); }
    var range = figures.ranges[name][t];
    return commas(value) + ' (' + commas(range.low) + '-' + commas(range.high) + ')';
  }
  function rangesSentence() {
    if (!draws) {
      return 'These figures are on the best evidence alone: ' + (P.draws_omitted ? P.draws_omitted +
        '; the tables above give the ranges of the scenarios run' : 'the run made no uncertainty draws (--draws 0)') +
        '.';
    }
    var what = 'each range holds the middle 90 % of the program\'s ' + draws.count + ' draws for this plan (each ' +
      'site placed where its evidence allows' + (P.draws.circuity_drawn ? ', each area\'s road factor drawn' : '') +
      (sharedOverPostcodes ? ', each area\'s under-5s shared afresh over its postcodes' : '') +
      '), repeated in this page';
    return figures.ranges ? 'Figures on the best evidence; ' + what + '.' :
      'Figures on the best evidence; working out the ranges (' + what + ') ...';
  }
  function render() {
    var f = figures;
    results.textContent = '';
    // Against the start and against today, by name; from today itself the two would be one pair twice.
    var fromToday = start === today;
    var headings = ['Within', 'Under-5s covered'];
    if (!fromToday) { headings.push('Lose against ' + start.name, 'Gain against ' + start.name); }
    headings.push('Lose against ' + today.name, 'Gain against ' + today.name);
    var head = element('tr', {}, headings.map(function (h) { return element('th', { text: h }); }));
    var rows = f.rows.map(function (r, t) {
      var cells = [element('td', { text: km(r.threshold) }),
        element('td', { class: 'n', text: shareIn(r, t) + ', ' + commas(r.covered) })];
      if (!fromToday) {
        cells.push(element('td', { class: 'n', text: countIn(r.lost, 'lost', t) }),
          element('td', { class: 'n', text: countIn(r.gained, 'gained', t) }));
      }
      cells.push(element('td', { class: 'n', text: countIn(r.lostToday, 'lostToday', t) }),
        element('td', { class: 'n', text: countIn(r.gainedToday, 'gainedToday', t) }));
      return element('tr', { 'data-threshold': String(r.threshold) }, cells);
    });
    results.appendChild(element('table', { class: 'small' }, [element('thead', {}, [head]),
      element('tbody', {}, rows)]));
    results.appendChild(element('p', { id: 'planner-ranges', class: 'small', text: rangesSentence() }));
    var costText = 'Annual cost: ' + pounds(f.cost);
    if (f.cost !== null && state.budget !== null) {
      // From the cost as shown (to the pound), so that cost and what is to spare add to the budget.
      var gap = state.budget - Math.round(f.cost);
      costText += ' against a budget of ' + pounds(state.budget) + ' (' + pounds(Math.abs(gap)) +
        (gap >= 0 ? ' to spare)' : ' over)');
    }
    if (f.cost === null && state.budget !== null) {
      costText += '; a budget of ' + pounds(state.budget) + ' is set, but the scenario file states no costs to ' +
        'set against it';
    }
    results.appendChild(element('p', { id: 'planner-cost', text: costText }));
    results.appendChild(element('p', { class: 'small', text: precisionSentence() }));
    var first = km(start.thresholds[0]);
    results.appendChild(table('Who loses a centre within ' + first + ', by district', 'district', f.lostByDistrict));
    results.appendChild(table('by IDACI decile (1 = most deprived)', 'IDACI', f.lostByIdaci));
    var worst = null;
    start.thresholds.forEach(function (t, i) {
      if (worst === null && f.closures.some(function (c) { return c.left[i] > 0; })) { worst = i; }
    });
    if (f.closures.length === 0) {
      results.appendChild(element('p', { text: 'Nothing open in ' + start.name + ' is closed.' }));
    } else if (worst === null) {
      results.appendChild(element('p', { text: 'No closure leaves anyone beyond ' + km(start.thresholds[
        start.thresholds.length - 1]) + ' who would otherwise be within it.' }));
    } else {
      var list = f.closures.filter(function (c) { return c.left[worst] > 0; }).sort(function (a, b) {
        return b.left[worst] - a.left[worst] || (a.name < b.name ? -1 : 1);
      }).slice(0, 5);
      results.appendChild(element('p', { text: 'Closures that leave the most under-5s beyond ' +
        km(start.thresholds[worst]) + ':' }));
      results.appendChild(element('ol', { id: 'planner-closures' }, list.map(function (c) {
        return element('li', { text: c.name + ': ' + commas(c.left[worst]) + ' (placed by ' + c.precision + ')' });
      })));
    }
    results.setAttribute('data-covered', f.rows.map(function (r) { return r.covered; }).join(','));
    results.setAttribute('data-lost', f.rows.map(function (r) { return r.lost; }).join(','));
    results.setAttribute('data-gained', f.rows.map(function (r) { return r.gained; }).join(','));
    results.setAttribute('data-lost-today', f.rows.map(function (r) { return r.lostToday; }).join(','));
    results.setAttribute('data-cost', f.cost === null ? '' : String(Math.round(f.cost)));
    results.setAttribute('data-ranges', !draws ? 'none' : (f.ranges ? 'ready' : 'working'));
    if (f.ranges) {
      ['share', 'lost', 'gained', 'lostToday', 'gainedToday'].forEach(function (name) {
        results.setAttribute('data-' + name + '-low', f.ranges[name].map(function (r) { return r.low; }).join(','));
        results.setAttribute('data-' + name + '-high', f.ranges[name].map(function (r) { return r.high; }).join(','));
      });
    }
  }
  // what: the change in a sentence, said with the headline figure (the full figures are in the table).
  function update(what) {
    compute();
    render();
    drawMap();
    syncControls();
    exported.hidden = true;
    if (what) {
      var r = figures.rows[0];
      status.textContent = what + ' Within ' + km(r.threshold) + ': ' + percent(r.covered, figures.total) +
        ' of under-5s; ' + commas(r.lostToday) + ' lose against ' + today.name + '.';
    }
  }
  function begin(scenario) {
    start = scenario;
    state = stateOf(scenario);
    buildTable();
    update();
  }

  startSelect.addEventListener('change', function () {
    begin(P.scenarios[Number(startSelect.value)]);
    status.textContent = 'Starting from ' + start.name + '.';
  });
  resetButton.addEventListener('click', function () {
    begin(start);
    status.textContent = 'Started again from ' + start.name + '.';
  });
  budgetInput.addEventListener('change', function () {
    var value = Number(budgetInput.value);
    state.budget = budgetInput.value === '' || !isFinite(value) || value < 0 ? null : Math.round(value);
    update(state.budget === null ? 'No budget set.' : 'Budget set to ' + pounds(state.budget) + '.');
  });
  exportButton.addEventListener('click', function () {
    exported.value = exportScenario();
    exported.hidden = false;
    exported.focus();
    exported.select();
    download('planner.toml', 'application/toml', exported.value);
  });
  linkButton.addEventListener('click', function () {
    var url = location.href.split('#')[0] + linkFragment();
    history.replaceState(null, '', url);
    if (navigator.clipboard) { navigator.clipboard.writeText(url).catch(function () {}); }
    linkButton.textContent = 'Link copied (also in the address bar)';
  });
  csvButton.addEventListener('click', downloadCsv);

  // A link with a plan (#plan=...): restore it, take the reader to the planner and say so; or say why not.
  function openLink(hash) {
    if (!/^#plan(=|$)/.test(hash)) { return false; }  // the page's own anchors (#planner, ...) are not plans
    var result = applyFragment(hash);
    if (result.ok) {
      startSelect.value = String(P.scenarios.indexOf(start));
      buildTable();
      update();
      status.textContent = 'Plan loaded from the link: changes to ' + start.name + '.' + result.note;
    } else {
      begin(P.scenarios[0]);
      status.textContent = 'The link\'s plan could not be loaded: ' + result.why + '. Showing ' + start.name + '.';
    }
    status.setAttribute('data-link', result.ok ? 'loaded' : 'refused');
    document.getElementById('planner').scrollIntoView();
    return true;
  }
  if (!openLink(location.hash)) { begin(P.scenarios[0]); }
  window.addEventListener('hashchange', function () { openLink(location.hash); });
  document.body.setAttribute('data-planner-ready', '1');
  document.body.setAttribute('data-planner-ready-ms', String(Math.round(performance.now())));
})();
