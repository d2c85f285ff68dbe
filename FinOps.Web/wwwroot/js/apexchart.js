// Interop for FinOps.Web/Components/Shared/Charts/ApexChart: draws ApexCharts charts from the JSON built by
// ApexChartOptionsSerializer, updates them in place and reports data point clicks to .NET.

const charts = new Map();
let nextId = 0;
let loading = null;

// ApexCharts is loaded once per page, from the copy the build puts in wwwroot/lib (never from a CDN).
function loadApexCharts() {
  if (globalThis.ApexCharts) {
    return Promise.resolve(globalThis.ApexCharts);
  }

  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('../lib/apexcharts/apexcharts.min.js', import.meta.url).href;
    script.async = true;
    script.onload = () => resolve(globalThis.ApexCharts);
    script.onerror = () => {
      loading = null;
      reject(new Error(`Could not load ${script.src}`));
    };
    document.head.appendChild(script);
  });
  return loading;
}

function numberFormat(locale, options) {
  try {
    return new Intl.NumberFormat(locale || undefined, options);
  } catch {
    return new Intl.NumberFormat(undefined, options); // unknown locale tag: the browser's own
  }
}

// Turns the `finops` section (Intl.NumberFormat options) into ApexCharts formatters and wires the click events.
function toApexOptions(spec, entry) {
  const { finops, ...options } = structuredClone(spec);
  const tooltipFormat = numberFormat(finops.locale, finops.tooltip);
  const axisFormat = numberFormat(finops.locale, finops.axis);
  const formatValue = (value) => (value === null || value === undefined ? '' : tooltipFormat.format(value));
  const formatAxis = (value) => (value === null || value === undefined ? '' : axisFormat.format(value));
  const type = options.chart.type;

  options.tooltip = { ...options.tooltip, y: { formatter: formatValue } };
  options.yaxis = { ...options.yaxis, labels: { ...options.yaxis?.labels, formatter: formatAxis } };

  if (type === 'donut') {
    delete options.yaxis;
    const total = options.plotOptions?.pie?.donut?.labels?.total;
    if (total) {
      total.formatter = (w) => formatValue(w.globals.seriesTotals.reduce((sum, value) => sum + value, 0));
    }
    options.plotOptions.pie.donut.labels.value = { formatter: (value) => formatValue(Number(value)) };
  }

  // Bars and slices report the exact element clicked; lines and areas report the point under the tooltip.
  const notify = (seriesIndex, dataPointIndex) => {
    const series = Number.parseInt(seriesIndex, 10);
    const point = Number.parseInt(dataPointIndex, 10);
    if (Number.isInteger(series) && Number.isInteger(point) && series >= 0 && point >= 0) {
      entry.dotNetRef.invokeMethodAsync('OnDataPointClick', series, point);
    }
  };
  const events = {};
  if (type === 'bar' || type === 'donut') {
    events.dataPointSelection = (_event, _chart, config) => notify(config.seriesIndex, config.dataPointIndex);
  } else {
    events.click = (_event, _chart, config) => notify(config.seriesIndex, config.dataPointIndex);
  }
  options.chart = { ...options.chart, events };
  return options;
}

function withoutSeries(spec) {
  const { series, ...rest } = spec;
  return JSON.stringify(rest);
}

// ApexCharts 4.7 shows its "delayed" elements (bar shadow and label groups, markers) again after every path it draws
// without animation: every class of every such element is rewritten per bar, which costs a stacked bar chart of 30 days
// by 9 groups ~65 ms of style invalidation per redraw. Touching only the elements that are not shown yet ends in the
// very same classes (an element hidden again later is still shown by the next call).
function showOnlyHiddenDelayedElements() {
  for (const { el } of this.w.globals.delayedElements) {
    if (el.classList.contains('apexcharts-element-hidden') || !el.classList.contains('apexcharts-hidden-element-shown')) {
      el.classList.remove('apexcharts-element-hidden');
      el.classList.add('apexcharts-hidden-element-shown');
    }
  }
}

function patchAnimations(chart) {
  const animations = chart.animations && Object.getPrototypeOf(chart.animations);
  if (animations && typeof animations.showDelayedElements === 'function' && animations.showDelayedElements !== showOnlyHiddenDelayedElements) {
    animations.showDelayedElements = showOnlyHiddenDelayedElements;
  }
}

// Each chart draws in a shadow root of its element: the page's style sheets (MudBlazor's above all) then never match
// the hundreds of SVG elements ApexCharts creates and measures while it draws, which made a redraw of a stacked bar
// chart of 30 days by 9 groups about a third slower. Inherited properties (the app's font and colour) still reach the
// chart; ApexCharts puts its own style sheet into the shadow root; the few rules of ours that reach inside are here.
const chartStyles = `
.finops-chart-canvas { width: 100%; }
.apexcharts-tooltip, .apexcharts-xaxistooltip { font-family: inherit; }
/* ApexCharts writes its labels in pixels: on the wall screen they scale with the wall's type. */
.on-wall .apexcharts-canvas text, .on-wall .apexcharts-legend-text { font-size: max(12px, 0.65vw) !important; }
.on-wall .apexcharts-legend-marker { transform: scale(1.4); }
`;

/** The element ApexCharts draws in, inside `element`'s shadow root (made once per element). */
function canvasFor(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = chartStyles;
  // ApexCharts watches the size of its element's parent: an element, not the shadow root (whose children it would watch).
  const frame = document.createElement('div');
  frame.className = element.closest('.finops-wall') ? 'on-wall' : '';
  const canvas = document.createElement('div');
  canvas.className = 'finops-chart-canvas';
  frame.appendChild(canvas);
  root.append(style, frame);
  return canvas;
}

async function create(entry) {
  const ApexCharts = await loadApexCharts();
  entry.canvas ??= canvasFor(entry.element);
  entry.chart = new ApexCharts(entry.canvas, toApexOptions(entry.spec, entry));
  patchAnimations(entry.chart);
  await entry.chart.render();
}

// Tells the page which options are on screen: `version` is the element's data-chart-version when they were sent.
function markDrawn(entry, version) {
  if (version) {
    entry.element.dataset.chartDrawn = version;
  }
}

/** Draws a chart in `element`; returns the id to pass to `update` and `destroy`. */
export async function render(element, optionsJson, dotNetRef, version) {
  const id = `finops-chart-${++nextId}`;
  const entry = { element, dotNetRef, spec: JSON.parse(optionsJson), chart: null, canvas: null };
  charts.set(id, entry);
  try {
    await create(entry);
  } catch (error) {
    charts.delete(id);
    entry.chart?.destroy();
    throw error;
  }
  markDrawn(entry, version);
  return id;
}

/** Applies new options: only the data when nothing else changed, the whole chart when its type changed. */
export async function update(id, optionsJson, version) {
  const entry = charts.get(id);
  if (!entry?.chart) {
    return;
  }

  const previous = entry.spec;
  entry.spec = JSON.parse(optionsJson);
  if (previous.chart.type !== entry.spec.chart.type) {
    entry.chart.destroy();
    await create(entry);
  } else if (withoutSeries(previous) === withoutSeries(entry.spec)) {
    await entry.chart.updateSeries(entry.spec.series);
  } else {
    await entry.chart.updateOptions(toApexOptions(entry.spec, entry), true, true);
  }
  markDrawn(entry, version);
}

/** Removes the chart and its listeners. */
export function destroy(id) {
  const entry = charts.get(id);
  charts.delete(id);
  entry?.chart?.destroy();
}
