// The report's interactive map. It reads the data the program embedded in
// <script id="report-data"> (areas once; per scenario each area's distance and
// change, the sites with their fate, reach areas and distance bands, each shape once) and draws
// it with Leaflet, which is embedded before this file. It marks <body> with
// data-* attributes that the browser test reads.
(function () {
  'use strict';
  // On paper every scenario's printable map is shown: each map's closed <details> is opened for
  // printing and closed again after (the print style sheet does the same where it can).
  function printEveryMap() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      Array.prototype.forEach.call(document.querySelectorAll('details.static-map-details:not([open])'), function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', function () {
      opened.splice(0).forEach(function (d) { d.open = false; });
    });
  }

  // Each printable map as a file of its own (SVG, and PNG from it): the areas drawn in full (the page
  // draws each outline once and refers to it), with the map's title, its key, the source and attribution.
  var NS = 'http://www.w3.org/2000/svg';
  function svgElement(tag, attributes, content) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (content !== undefined) { e.textContent = content; }
    return e;
  }
  function standaloneMap(figure) {
    var map = figure.querySelector('svg.static-map');
    var box = map.viewBox.baseVal;
    var width = box.width;
    var top = 34;
    var keys = figure.querySelectorAll('.map-legend .key');
    var keyRows = Math.ceil(keys.length / 4);
    var height = top + box.height + 12 + 20 * keyRows + 44;
    var out = svgElement('svg', { xmlns: NS, width: String(width), height: String(Math.ceil(height)),
      viewBox: '0 0 ' + width + ' ' + Math.ceil(height), 'font-family': 'sans-serif' });
    out.appendChild(svgElement('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
    out.appendChild(svgElement('text', { x: '8', y: '22', 'font-size': '18', 'font-weight': '600', fill: '#222' },
      figure.querySelector('h3').textContent));
    var body = svgElement('g', { transform: 'translate(0,' + top + ')' });
    body.appendChild(svgElement('rect', { width: String(width), height: String(box.height), fill: '#f4f8fb' }));
    Array.prototype.forEach.call(map.childNodes, function (node) {
      var copy;
      if (node.nodeName === 'use') {
        var shape = document.getElementById(node.getAttribute('href').slice(1));
        copy = svgElement('path', { d: shape.getAttribute('d') });
        Array.prototype.forEach.call(node.attributes, function (a) {
          if (a.name !== 'href') { copy.setAttribute(a.name, a.value); }
        });
      } else {
        copy = node.cloneNode(true);
      }
      body.appendChild(copy);
    });
    out.appendChild(body);
    var y = top + box.height + 12;
    Array.prototype.forEach.call(keys, function (key, k) {
      var x = 8 + (k % 4) * (width / 4);
      var row = y + 20 * Math.floor(k / 4);
      var mark = key.querySelector('svg').cloneNode(true);
      mark.setAttribute('x', String(x));
      mark.setAttribute('y', String(row));
      out.appendChild(mark);
      out.appendChild(svgElement('text', { x: String(x + 20), y: String(row + 12), 'font-size': '13', fill: '#222' },
        key.textContent));
    });
    y += 20 * keyRows + 16;
    var header = document.querySelector('header p');
    out.appendChild(svgElement('text', { x: '8', y: String(y), 'font-size': '11', fill: '#444' },
      'Source: ' + (header ? header.textContent : 'centrecov')));
    var attribution = document.getElementById('attribution');
    out.appendChild(svgElement('text', { x: '8', y: String(y + 16), 'font-size': '11', fill: '#444' },
      attribution ? attribution.textContent : ''));
    return { svg: new XMLSerializer().serializeToString(out), width: width, height: Math.ceil(height) };
  }
  function save(name, blob) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function mapDownloads() {
    Array.prototype.forEach.call(document.querySelectorAll('figure.static-map-figure'), function (figure, i) {
      var title = figure.querySelector('h3').textContent;
      var file = 'map-' + (i + 1) + '-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      var bar = document.createElement('p');
      bar.className = 'map-downloads';
      [['SVG', 'image/svg+xml'], ['PNG', 'image/png']].forEach(function (kind) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Download ' + kind[0];
        button.setAttribute('aria-label', 'Download ' + kind[0] + ': the map of ' + title);
        button.setAttribute('data-format', kind[0].toLowerCase());
        button.addEventListener('click', function () {
          var made = standaloneMap(figure);
          var blob = new Blob([made.svg], { type: 'image/svg+xml' });
          if (kind[0] === 'SVG') { save(file + '.svg', blob); return; }
          var image = new Image();
          image.onload = function () {
            var scale = 2;
            var canvas = document.createElement('canvas');
            canvas.width = made.width * scale;
            canvas.height = made.height * scale;
            var context = canvas.getContext('2d');
            context.scale(scale, scale);
            context.drawImage(image, 0, 0);
            canvas.toBlob(function (png) { save(file + '.png', png); }, 'image/png');
          };
          image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(made.svg);
        });
        bar.appendChild(button);
        bar.appendChild(document.createTextNode(' '));
      });
      figure.appendChild(bar);
    });
  }

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var map = L.map('map', { preferCanvas: true, zoomSnap: 0.25 });
  var current = 0;
  var mode = 'distance';

  function colour(ranges, value) {
    if (value === null || value === undefined) { return '#bbbbbb'; }
    for (var i = 0; i < ranges.length; i++) {
      if (value >= ranges[i].lower && value < ranges[i].upper) { return ranges[i].colour; }
    }
    return ranges[ranges.length - 1].colour;
  }
  function text(tag, content) {
    var e = document.createElement(tag);
    e.textContent = content;  // never innerHTML: names come from the input files
    return e;
  }
  function popup(lines) {
    var div = document.createElement('div');
    lines.forEach(function (l, i) { div.appendChild(text(i === 0 ? 'strong' : 'div', l)); });
    return div;
  }
  function kilometres(metres) { return (metres / 1000).toFixed(1) + ' km'; }

  var areas = L.geoJSON({
    type: 'FeatureCollection',
    features: data.areas.map(function (a, i) {
      return { type: 'Feature', properties: { index: i }, geometry: { type: 'MultiPolygon', coordinates: a.geometry } };
    })
  }, {
    style: function (feature) {
      var s = data.scenarios[current];
      var i = feature.properties.index;
      var value = mode === 'distance' ? s.distance[i] : s.change[i];
      var ranges = mode === 'distance' ? data.distance_ranges : data.change_ranges;
      return { fillColor: colour(ranges, value), fillOpacity: 0.75, color: '#ffffff', weight: 0.5 };
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(function () {
        var i = feature.properties.index;
        var a = data.areas[i];
        var s = data.scenarios[current];
        var d = s.distance[i];
        var c = s.change[i];
        return popup([a.name + ' (' + a.code + ')', a.district, a.under5 + ' under-5s, IDACI decile ' + a.idaci,
          'nearest centre: ' + (d === null ? 'none reachable' : kilometres(d)),
          'change from ' + s.base + ': ' + (c === null ? 'n/a' : kilometres(c))]);
      });
    }
  }).addTo(map);
  var sites = L.layerGroup().addTo(map);
  var reach = L.layerGroup();
  var bands = L.layerGroup();
  var tiles = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    { attribution: '&copy; OpenStreetMap contributors', maxZoom: 18 });

  function polygon(coordinates, style) {
    return L.geoJSON({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: coordinates } },
      { style: style, interactive: false });
  }
  // A dark cross over a wider white one, so that a closed site shows on every fill.
  function crossOut(site, style) {
    var dLat = 0.004;
    var dLon = 0.006;
    [['#ffffff', 5], [style.colour, 2]].forEach(function (stroke) {
      L.polyline([[site.lat - dLat, site.lon - dLon], [site.lat + dLat, site.lon + dLon]],
        { color: stroke[0], weight: stroke[1], interactive: false }).addTo(sites);
      L.polyline([[site.lat + dLat, site.lon - dLon], [site.lat - dLat, site.lon + dLon]],
        { color: stroke[0], weight: stroke[1], interactive: false }).addTo(sites);
    });
  }
  function show(index) {
    current = index;
    var s = data.scenarios[index];
    areas.setStyle(areas.options.style);
    sites.clearLayers();
    reach.clearLayers();
    bands.clearLayers();
    s.sites.forEach(function (site) {
      if (site.lat === null) { return; }  // not placed: listed in the tables, never drawn at a guessed point
      var style = data.fates[site.category] || data.fates.candidate;
      var marker = L.circleMarker([site.lat, site.lon], {
        radius: site.kind === 'library' ? 4 : 6, color: '#222', weight: 1, fillColor: style.colour, fillOpacity: 1
      });
      marker.bindPopup(popup([site.name, site.kind + ': ' + site.fate, 'placed by ' + site.precision +
        (site.uncertainty_m ? ' (within about ' + site.uncertainty_m + ' m)' : '')]));
      marker.addTo(sites);
      if (site.category === 'closed') { crossOut(site, style); }
    });
    s.reach.forEach(function (r) {
      polygon(data.reach_shapes[r.shape], { fill: false, color: '#333', weight: 1.5, dashArray: '4 3' }).addTo(reach);
    });
    s.bands.forEach(function (key) {
      var shapes = data.bands[key];  // widest first
      shapes.forEach(function (b, i) {
        polygon(b.geometry, { fillColor: '#3182bd', fillOpacity: 0.08 + 0.05 * (shapes.length - i), color: '#3182bd',
          weight: 0.6 }).addTo(bands);
      });
    });
    document.getElementById('scenario-note').textContent = s.name + ' - ' + s.headline;
    document.body.setAttribute('data-scenario', s.id);
    document.body.setAttribute('data-site-markers', String(sites.getLayers().length));
    document.body.setAttribute('data-reach-areas', String(reach.getLayers().length));
  }

  L.control.layers(null, {
    'Reach areas (nearest centre)': reach,
    'Distance bands': bands,
    'Base map (OpenStreetMap; needs internet)': tiles
  }, { collapsed: false }).addTo(map);
  var select = document.getElementById('scenario-select');
  data.scenarios.forEach(function (s, i) {
    var option = document.createElement('option');
    option.value = String(i);
    option.textContent = s.name;
    select.appendChild(option);
  });
  select.addEventListener('change', function () { show(Number(select.value)); });
  Array.prototype.forEach.call(document.querySelectorAll('input[name=colour-by]'), function (input) {
    input.addEventListener('change', function () {
      mode = input.value;
      areas.setStyle(areas.options.style);
      document.getElementById('legend-distance').hidden = mode !== 'distance';
      document.getElementById('legend-change').hidden = mode !== 'change';
    });
  });
  map.fitBounds(areas.getBounds());
  show(0);
  printEveryMap();
  mapDownloads();
  document.body.setAttribute('data-map-areas', String(areas.getLayers().length));
  document.body.setAttribute('data-map-ready', '1');
})();
