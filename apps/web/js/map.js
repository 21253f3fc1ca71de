// The map: the 42 jeugdregio's as SVG from the bundled geometry (GET /api/v1/map/regions, the
// data/jeugdregios_2024.geojson file as is), in a simple equirectangular projection with the
// longitude scaled by cos(52°). The case's region is highlighted, its neighbours tinted, and
// candidate locations (municipality centroids) are markers coloured by tier.
import { cached } from './api.js';
import { h, svg, tierLabels, tierOrder } from './dom.js';

const K = Math.cos((52 * Math.PI) / 180);
const SCALE = 200;  // SVG units per degree of latitude

let geometry = null;

function rings(feature) {
  const g = feature.geometry;
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

async function loadGeometry() {
  if (geometry) return geometry;
  const collection = await cached('/api/v1/map/regions');
  let lonMin = Infinity, latMax = -Infinity, lonMax = -Infinity, latMin = Infinity;
  for (const f of collection.features)
    for (const ring of rings(f))
      for (const [lon, lat] of ring) {
        lonMin = Math.min(lonMin, lon); lonMax = Math.max(lonMax, lon);
        latMin = Math.min(latMin, lat); latMax = Math.max(latMax, lat);
      }
  const project = ([lon, lat]) => [(lon - lonMin) * K * SCALE, (latMax - lat) * SCALE];
  const regions = collection.features.map((f) => regionShape(f, project));
  geometry = { regions, project, width: (lonMax - lonMin) * K * SCALE, height: (latMax - latMin) * SCALE };
  return geometry;
}

function regionShape(feature, project) {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const d = rings(feature).map((ring) => ring.map((point, i) => {
    const [x, y] = project(point);
    box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x);
    box.y0 = Math.min(box.y0, y); box.y1 = Math.max(box.y1, y);
    return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }).join('') + 'Z').join('');
  const p = feature.properties || {};
  return { code: feature.id || p.jeugdregio_code, name: p.jeugdregio_naam || '', network: p.expertisenetwerk_code || '', d, box };
}

// Markers: one per municipality, coloured by the tier of its best-ranked candidate; plan A and
// plan B carry their letter.
function markerGroups(candidates, municipalities, plans) {
  const groups = new Map();
  for (const c of candidates) {
    const m = municipalities.get(c.municipality);
    if (!m) continue;
    if (!groups.has(c.municipality)) groups.set(c.municipality, { municipality: m, candidates: [] });
    groups.get(c.municipality).candidates.push(c);
  }
  for (const g of groups.values()) {
    g.candidates.sort((a, b) => a.rank - b.rank);
    g.tier = g.candidates[0].tier;
    g.letters = ['A', 'B'].filter((letter) => g.candidates.some((c) => c.offering === plans[letter]));
  }
  return [...groups.values()].sort((a, b) => b.candidates[0].rank - a.candidates[0].rank);  // best drawn last (on top)
}

function fitBox(focus, points, geo) {
  const box = { ...focus };
  for (const [x, y] of points) {
    box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x);
    box.y0 = Math.min(box.y0, y); box.y1 = Math.max(box.y1, y);
  }
  const pad = 0.18 * Math.max(box.x1 - box.x0, box.y1 - box.y0, 60);
  let x0 = box.x0 - pad, y0 = box.y0 - pad, w = box.x1 - box.x0 + 2 * pad, hgt = box.y1 - box.y0 + 2 * pad;
  const aspect = geo.width / geo.height;  // keep the whole-country aspect so the frame does not jump
  if (w / hgt < aspect) { const nw = hgt * aspect; x0 -= (nw - w) / 2; w = nw; } else { const nh = w / aspect; y0 -= (nh - hgt) / 2; hgt = nh; }
  return `${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${hgt.toFixed(1)}`;
}

// options: {region: code, adjacent: [codes], candidates, municipalities: Map(code -> {name, lat, lon}),
//           plans: {A: offering, B: offering}, caseMunicipality}
export async function renderMap(options) {
  const geo = await loadGeometry();
  const adjacent = new Set(options.adjacent || []);
  const caseRegion = geo.regions.find((r) => r.code === options.region);
  const groups = markerGroups(options.candidates || [], options.municipalities, options.plans || {});
  const points = groups.map((g) => geo.project([g.municipality.lon, g.municipality.lat]));
  const fullBox = `0 0 ${geo.width.toFixed(1)} ${geo.height.toFixed(1)}`;
  const zoomBox = caseRegion ? fitBox(caseRegion.box, points, geo) : fullBox;
  const unit = (box) => Number(box.split(' ')[2]) / 380;  // about one screen pixel: markers keep their size when zooming

  const regionLayer = svg('g', { class: 'regions' }, geo.regions.map((r) => svg('path', {
    d: r.d,
    class: r.code === options.region ? 'region region-case' : adjacent.has(r.code) ? 'region region-adjacent' : 'region',
    'data-region': r.code,
  }, svg('title', {}, `${r.name} (${r.code})`))));
  const markerLayer = svg('g', { class: 'markers' });
  const home = options.municipalities.get(options.caseMunicipality);
  const map = svg('svg', {
    class: 'map', viewBox: zoomBox, role: 'img', preserveAspectRatio: 'xMidYMid meet',
    'aria-label': `Kaart van de jeugdregio's met ${groups.length} locaties van kandidaten`,
  }, regionLayer, markerLayer);

  const drawMarkers = (box) => {
    const u = unit(box);
    markerLayer.replaceChildren();
    if (home) {
      const [x, y] = geo.project([home.lon, home.lat]);
      markerLayer.append(svg('g', { class: 'marker-home' },
        svg('rect', { x: x - 6 * u, y: y - 6 * u, width: 12 * u, height: 12 * u, transform: `rotate(45 ${x} ${y})` }),
        svg('title', {}, `Woonplaats (verantwoordelijke gemeente): ${home.name}`)));
    }
    groups.forEach((g, i) => {
      const [x, y] = points[i];
      const r = (g.letters.length ? 11 : 7) * u;
      const label = g.candidates.map((c) => `${c.rank}. ${c.provider_name}`).join('\n');
      markerLayer.append(svg('g', { class: `marker tier-${g.tier}`, 'data-municipality': g.municipality.code, 'data-tier': g.tier },
        svg('circle', { cx: x, cy: y, r }),
        g.letters.length ? svg('text', { x, y, dy: '0.35em', 'font-size': (g.letters.length > 1 ? 10 : 13) * u, 'text-anchor': 'middle' }, g.letters.join('')) : null,
        svg('title', {}, `${g.municipality.name} (${tierLabels[g.tier]}):\n${label}`)));
    });
  };
  drawMarkers(zoomBox);

  let zoomed = true;
  const toggle = h('button', { type: 'button', class: 'button-quiet map-toggle', 'aria-pressed': 'false' }, 'Heel Nederland');
  toggle.addEventListener('click', () => {
    zoomed = !zoomed;
    const box = zoomed ? zoomBox : fullBox;
    map.setAttribute('viewBox', box);
    drawMarkers(box);
    toggle.textContent = zoomed ? 'Heel Nederland' : 'Inzoomen op de casus';
    toggle.setAttribute('aria-pressed', String(!zoomed));
  });
  return h('figure', { class: 'map-figure' }, map, legend(groups, caseRegion), toggle);
}

function legend(groups, caseRegion) {
  const counts = Object.fromEntries(tierOrder.map((t) => [t, 0]));
  // Candidates, not locations: the same numbers as the table's tier filter beside it.
  for (const g of groups) for (const c of g.candidates) counts[c.tier] += 1;
  return h('figcaption', { class: 'map-legend' },
    h('ul', {},
      caseRegion ? h('li', {}, h('span', { class: 'swatch swatch-case', 'aria-hidden': 'true' }), `regio van de casus: ${caseRegion.name}`) : null,
      h('li', {}, h('span', { class: 'swatch swatch-home', 'aria-hidden': 'true' }), 'woonplaats'),
      tierOrder.map((t) => h('li', {}, h('span', { class: `dot tier-${t}`, 'aria-hidden': 'true' }), `${tierLabels[t]} (${counts[t]})`)),
      h('li', {}, h('span', { class: 'dot dot-letter', 'aria-hidden': 'true' }, 'A'), 'plan A / B')));
}
