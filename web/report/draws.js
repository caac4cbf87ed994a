// The program's uncertainty draws (analysis/uncertainty.cpp), repeated in the page so
// that the planner gives every figure of any plan with its range, as the program would
// for the exported scenario. A draw places each open site at one of its candidate
// points, gives each area a circuity factor (estimated distances only) and shares each
// area's under-5s over its postcodes by flat Dirichlet weights; each choice comes from
// the same hash of (seed, draw, what, index) as the program's, worked here in 32-bit
// halves because a page's numbers hold 53 bits. Straight lines are measured here from
// the embedded points; along roads each candidate's distances are embedded.
// Sets window.centrecovDraws = { make(planner) } for planner.js.
(function () {
  'use strict';

  // --- splitmix64's finaliser over 64-bit words held as (high, low) halves ---
  var hi = 0;
  var lo = 0;
  function multiply(ah, al, bh, bl) {  // the low 64 bits of the product, into hi:lo
    var a48 = ah >>> 16, a32 = ah & 0xFFFF, a16 = al >>> 16, a00 = al & 0xFFFF;
    var b48 = bh >>> 16, b32 = bh & 0xFFFF, b16 = bl >>> 16, b00 = bl & 0xFFFF;
    var c00 = a00 * b00;
    var c16 = c00 >>> 16;
    c00 &= 0xFFFF;
    c16 += a16 * b00;
    var c32 = c16 >>> 16;
    c16 &= 0xFFFF;
    c16 += a00 * b16;
    c32 += c16 >>> 16;
    c16 &= 0xFFFF;
    c32 += a32 * b00;
    var c48 = c32 >>> 16;
    c32 &= 0xFFFF;
    c32 += a16 * b16;
    c48 += c32 >>> 16;
    c32 &= 0xFFFF;
    c32 += a00 * b32;
    c48 += c32 >>> 16;
    c32 &= 0xFFFF;
    c48 = (c48 + a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48) & 0xFFFF;
    hi = ((c48 << 16) | c32) >>> 0;
    lo = ((c16 << 16) | c00) >>> 0;
  }
  // z ^= part + golden + (z << 6) + (z >> 2), then mixed; part < 2^32. Result in hi:lo.
  function round(zh, zl, part) {
    var l = (part + 0x7F4A7C15) >>> 0;
    var h = (0x9E3779B9 + (l < 0x7F4A7C15 ? 1 : 0)) >>> 0;
    var s = (zl << 6) >>> 0;
    l = (l + s) >>> 0;
    h = (h + (((zh << 6) | (zl >>> 26)) >>> 0) + (l < s ? 1 : 0)) >>> 0;
    s = ((zl >>> 2) | (zh << 30)) >>> 0;
    l = (l + s) >>> 0;
    h = (h + (zh >>> 2) + (l < s ? 1 : 0)) >>> 0;
    zh = (zh ^ h) >>> 0;
    zl = (zl ^ l) >>> 0;
    zl = (zl ^ ((zl >>> 30) | (zh << 2))) >>> 0;
    zh = (zh ^ (zh >>> 30)) >>> 0;
    multiply(zh, zl, 0xBF58476D, 0x1CE4E5B9);
    zh = hi;
    zl = lo;
    zl = (zl ^ ((zl >>> 27) | (zh << 5))) >>> 0;
    zh = (zh ^ (zh >>> 27)) >>> 0;
    multiply(zh, zl, 0x94D049BB, 0x133111EB);
    lo = (lo ^ ((lo >>> 31) | (hi << 1))) >>> 0;
    hi = (hi ^ (hi >>> 31)) >>> 0;
  }
  // The state after (seed, draw, what), shared by every index drawn for them.
  function prefix(seed, draw, what) {
    multiply(seed[0], seed[1], 0x9E3779B9, 0x7F4A7C15);
    round(hi, lo, draw);
    round(hi, lo, what);
    return [hi, lo];
  }
  // A uniform number in [0, 1): the top 53 bits.
  function uniformAt(state, index) {
    round(state[0], state[1], index);
    return ((hi >>> 11) * 4294967296 + ((((hi & 0x7FF) << 21) | (lo >>> 11)) >>> 0)) / 9007199254740992;
  }
  var drawPosition = 1;
  var drawCircuity = 2;
  var drawMedian = 3;
  var drawDemand = 4;

  // The piecewise-linear quantile function through (quantile, value) pairs, continued past its ends.
  function quantileOf(spread, u) {
    if (spread.length < 2) { return spread.length === 0 ? 1 : spread[0][1]; }
    var i = 1;
    while (i + 1 < spread.length && u > spread[i][0]) { i++; }
    var p0 = spread[i - 1][0], f0 = spread[i - 1][1], p1 = spread[i][0], f1 = spread[i][1];
    return p1 > p0 ? f0 + (u - p0) * (f1 - f0) / (p1 - p0) : f0;
  }
  // The value of nearest rank q (0 to 1), as the program's nearest_rank.
  function nearestRank(values, q) {
    var sorted = Array.prototype.slice.call(values).sort(function (a, b) { return a - b; });
    var rank = Math.min(Math.max(Math.ceil(q * sorted.length), 1), sorted.length);
    return sorted[rank - 1];
  }

  function make(P) {
    var D = P.draws;
    if (!D || D.count === 0) { return null; }
    var n = D.count;
    var families = P.families.under5.length;
    var areaOf = P.families.area;
    var under5 = P.families.under5;
    var total = 0;
    for (var f = 0; f < families; f++) { total += under5[f]; }
    var drawn = [];  // per draw: {factor, under5, choice}, made when first asked for

    function makeDraw(d) {
      var areas = D.first_point.length - 1;
      var factor = new Float64Array(areas).fill(1);
      if (D.circuity_drawn) {
        var scale = quantileOf(D.median_spread, uniformAt(prefix(D.seed, d, drawMedian), 0));
        var circuity = prefix(D.seed, d, drawCircuity);
        for (var a = 0; a < areas; a++) {
          var at = Math.max(1, D.circuity * quantileOf(D.spread, uniformAt(circuity, a)));
          factor[a] = Math.max(1, scale * at);
        }
      }
      var shares = Float64Array.from(under5);
      var demand = prefix(D.seed, d, drawDemand);
      for (var b = 0; b + 1 < D.first_point.length; b++) {
        var begin = D.first_point[b];
        var end = D.first_point[b + 1];
        if (end - begin < 2) { continue; }
        var whole = 0;
        var sum = 0;
        for (var g = begin; g < end; g++) {
          whole += shares[g];
          shares[g] *= -Math.log(1 - uniformAt(demand, g));
          sum += shares[g];
        }
        for (var h = begin; h < end; h++) {
          shares[h] = sum > 0 ? shares[h] * whole / sum : under5[h];
        }
      }
      var position = prefix(D.seed, d, drawPosition);
      var choice = D.sites.map(function (site, s) {
        if (site === null) { return -1; }
        if (site.drawn <= 1) { return site.drawn === 1 ? 0 : site.best; }
        return Math.min(Math.floor(uniformAt(position, s) * site.drawn), site.drawn - 1);
      });
      return { factor: factor, under5: shares, choice: choice };
    }
    function draw(d) {
      if (!drawn[d]) { drawn[d] = makeDraw(d); }
      return drawn[d];
    }

    // Families by square cells as wide as the reach, so a candidate's families lie in 3 x 3 cells.
    var grid = null;
    function makeGrid() {
      var cell = D.reach_m > 0 ? D.reach_m : 1;
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var i = 0; i < families; i++) {
        minX = Math.min(minX, D.x[i]); maxX = Math.max(maxX, D.x[i]);
        minY = Math.min(minY, D.y[i]); maxY = Math.max(maxY, D.y[i]);
      }
      var columns = Math.floor((maxX - minX) / cell) + 1;
      var rows = Math.floor((maxY - minY) / cell) + 1;
      var start = new Int32Array(columns * rows + 1);
      var cellOf = new Int32Array(families);
      for (var j = 0; j < families; j++) {
        cellOf[j] = Math.floor((D.y[j] - minY) / cell) * columns + Math.floor((D.x[j] - minX) / cell);
        start[cellOf[j] + 1]++;
      }
      for (var c = 0; c < columns * rows; c++) { start[c + 1] += start[c]; }
      var fill = start.slice(0, columns * rows);
      var members = new Int32Array(families);
      for (var k = 0; k < families; k++) { members[fill[cellOf[k]]++] = k; }
      return { cell: cell, minX: minX, minY: minY, columns: columns, rows: rows, start: start, members: members };
    }
    // The families within reach of candidate k of site s and their distances before any factor.
    // Without roads only who is kept (a third of the memory) and the straight line measured
    // again when asked for, as the same expression gives the same number.
    var reachCache = new Map();
    function reach(s, k) {
      var key = s * 4096 + k;
      var known = reachCache.get(key);
      if (known) { return known; }
      var who = [];
      var metres = [];
      var entry = null;
      if (D.along_roads) {
        var flat = D.sites[s].reach[k];
        for (var i = 0; i < flat.length; i += 2) { who.push(flat[i]); metres.push(flat[i + 1]); }
        entry = { who: Int32Array.from(who), metres: Float64Array.from(metres), x: 0, y: 0 };
      } else {
        if (grid === null) { grid = makeGrid(); }
        var px = D.sites[s].points[2 * k];
        var py = D.sites[s].points[2 * k + 1];
        var cx = Math.floor((px - grid.minX) / grid.cell);
        var cy = Math.floor((py - grid.minY) / grid.cell);
        for (var y = Math.max(cy - 1, 0); y <= Math.min(cy + 1, grid.rows - 1); y++) {
          for (var x = Math.max(cx - 1, 0); x <= Math.min(cx + 1, grid.columns - 1); x++) {
            var c = y * grid.columns + x;
            for (var m = grid.start[c]; m < grid.start[c + 1]; m++) {
              var f = grid.members[m];
              if (Math.hypot(D.x[f] - px, D.y[f] - py) <= D.reach_m) { who.push(f); }
            }
          }
        }
        entry = { who: Int32Array.from(who), metres: null, x: px, y: py };
      }
      reachCache.set(key, entry);
      return entry;
    }

    // Per family, in draw d, the first threshold its nearest open place is within
    // (thresholds.length: beyond them all), as Uint8Array.
    function firstWithin(d, places, thresholds, out) {
      var state = draw(d);
      var nearest = new Float64Array(families).fill(Infinity);
      for (var p = 0; p < places.length; p++) {
        if (!places[p] || D.sites[p] === null) { continue; }
        var r = reach(p, state.choice[p]);
        for (var i = 0; i < r.who.length; i++) {
          var f = r.who[i];
          var metres = r.metres ? r.metres[i] : Math.hypot(D.x[f] - r.x, D.y[f] - r.y);
          var v = metres * state.factor[areaOf[f]];
          if (v < nearest[f]) { nearest[f] = v; }
        }
      }
      for (var g = 0; g < families; g++) {
        var t = 0;
        while (t < thresholds.length && thresholds[t] < nearest[g]) { t++; }
        out[g] = t;
      }
    }

    // Each plan's first thresholds in every draw, kept for the few plans asked for last.
    var kept = [];
    function firstsOf(places, thresholds, d) {
      var key = Array.prototype.join.call(places, '') + '|' + thresholds.join(',');
      var entry = null;
      for (var i = 0; i < kept.length; i++) { if (kept[i].key === key) { entry = kept[i]; } }
      if (entry === null) {
        entry = { key: key, firsts: [] };
        kept.push(entry);
        if (kept.length > 4) { kept.shift(); }
      }
      if (!entry.firsts[d]) {
        entry.firsts[d] = new Uint8Array(families);
        firstWithin(d, places, thresholds, entry.firsts[d]);
      }
      return entry.firsts[d];
    }

    // One draw's figures for a plan against its start and against today.
    function figuresInDraw(d, plan) {
      var shares = draw(d).under5;
      var thresholds = plan.thresholds;
      var now = firstsOf(plan.now, thresholds, d);
      var before = firstsOf(plan.start, thresholds, d);
      var today = firstsOf(plan.today, thresholds, d);
      var T = thresholds.length;
      var covered = new Float64Array(T + 1);
      var lost = new Float64Array(T + 1);
      var gained = new Float64Array(T + 1);
      var lostToday = new Float64Array(T + 1);
      var gainedToday = new Float64Array(T + 1);
      // Differences by first threshold, summed below, as the program does.
      for (var f = 0; f < families; f++) {
        var w = shares[f];
        covered[now[f]] += w;
        if (before[f] < now[f]) { lost[before[f]] += w; lost[now[f]] -= w; }
        if (now[f] < before[f]) { gained[now[f]] += w; gained[before[f]] -= w; }
        if (today[f] < now[f]) { lostToday[today[f]] += w; lostToday[now[f]] -= w; }
        if (now[f] < today[f]) { gainedToday[now[f]] += w; gainedToday[today[f]] -= w; }
      }
      // Per area and threshold against today, for the CSV by area: only where not 0.
      var areaLost = new Map();
      var areaGained = new Map();
      function add(map, from, to, area, w) {
        for (var k = from; k < to; k++) { map.set(area * T + k, (map.get(area * T + k) || 0) + w); }
      }
      for (var e = 0; e < families; e++) {
        if (today[e] < now[e]) { add(areaLost, today[e], now[e], areaOf[e], shares[e]); }
        if (now[e] < today[e]) { add(areaGained, now[e], today[e], areaOf[e], shares[e]); }
      }
      var out = { share: [], lost: [], gained: [], lostToday: [], gainedToday: [],
        areas: { lost: areaLost, gained: areaGained } };
      var c = 0, l = 0, g = 0, lt = 0, gt = 0;
      for (var t = 0; t < T; t++) {
        c += covered[t]; l += lost[t]; g += gained[t]; lt += lostToday[t]; gt += gainedToday[t];
        out.share.push(total > 0 ? c / total : 0);
        out.lost.push(l);
        out.gained.push(g);
        out.lostToday.push(lt);
        out.gainedToday.push(gt);
      }
      return out;
    }

    // Works out a plan's ranges a few draws at a time (the page stays responsive), then calls
    // done({share, lost, gained, lostToday, gainedToday}: per threshold {low, high}; areas: {lost,
    // gained}: Maps of area * thresholds + threshold to {low, high}, against today; the
    // middle 90 % of the draws widened to hold the best-evidence value, as the program does).
    // A newer call abandons an older one.
    var generation = 0;
    function ranges(plan, best, done) {
      var mine = ++generation;
      var per = [];
      var d = 0;
      function step() {
        if (mine !== generation) { return; }
        var until = Math.min(n, d + 10);
        for (; d < until; d++) { per.push(figuresInDraw(d, plan)); }
        if (d < n) { window.setTimeout(step, 0); return; }
        var out = {};
        ['share', 'lost', 'gained', 'lostToday', 'gainedToday'].forEach(function (name) {
          out[name] = plan.thresholds.map(function (t, i) {
            var values = per.map(function (figures) { return figures[name][i]; });
            var value = best[name][i];
            return { low: Math.min(nearestRank(values, 0.05), value), high: Math.max(nearestRank(values, 0.95), value) };
          });
        });
        // Each area's losses and gains against today the same way (0 in a draw that has none there).
        out.areas = {};
        ['lost', 'gained'].forEach(function (name) {
          var keys = new Set(best.areas[name].keys());
          per.forEach(function (figures) { figures.areas[name].forEach(function (v, key) { keys.add(key); }); });
          var map = new Map();
          keys.forEach(function (key) {
            var values = per.map(function (figures) { return figures.areas[name].get(key) || 0; });
            var value = best.areas[name].get(key) || 0;
            map.set(key, { low: Math.min(nearestRank(values, 0.05), value),
              high: Math.max(nearestRank(values, 0.95), value) });
          });
          out.areas[name] = map;
        });
        done(out);
      }
      window.setTimeout(step, 0);
    }

    return { count: n, seed: D.seed, ranges: ranges };
  }

  window.centrecovDraws = { make: make };
})();
