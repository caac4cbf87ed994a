// The report's interactive map. It reads the data the program embedded in
// <script id="report-data"> (areas once; per scenario each area's distance and
// change, the sites with their fate, reach areas and distance bands, each shape once) and draws
// it with Leaflet, which is embedded before this file. It marks <body> with
// data-* attributes that the browser test reads.
(function () {
  'use strict';
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
  function crossOut(site, style) {
    var dLat = 0.004;
    var dLon = 0.006;
    L.polyline([[site.lat - dLat, site.lon - dLon], [site.lat + dLat, site.lon + dLon]],
      { color: style.colour, weight: 2 }).addTo(sites);
    L.polyline([[site.lat + dLat, site.lon - dLon], [site.lat - dLat, site.lon + dLon]],
      { color: style.colour, weight: 2 }).addTo(sites);
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
  document.body.setAttribute('data-map-areas', String(areas.getLayers().length));
  document.body.setAttribute('data-map-ready', '1');
})();
