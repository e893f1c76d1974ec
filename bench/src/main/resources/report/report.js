/* Draws index.html's charts from the JSON in #report-data with the inlined ECharts. Each chart counts itself on
   #report-status once drawn, so a headless browser can tell a rendered page from a broken one. All numbers come
   from the page data; this file only decides how they look. */
(function () {
  'use strict';
  var status = document.getElementById('report-status');
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = { ok: '#3566a8', noisy: '#c98a00', failed: '#c62828', ceiling: '#8c8c8c' };
  // The PNG charts' palette (PngCharts.PALETTE): red stays free for failures, grey for the ceilings.
  var PALETTE = ['#3566a8', '#e08a1e', '#2a9d8f', '#7b4fa0', '#8c564b', '#17becf', '#bcbd22', '#e377c2'];
  var formats = {
    rate: function (v) { return Math.round(v).toLocaleString('en-US'); },
    ratio: function (v) { return v.toFixed(2); },
    ms: function (v) { return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'); },
    mib: function (v) { return Math.round(v).toLocaleString('en-US'); },
    // A logarithmic millisecond axis: whole numbers from 1 ms up, as given below.
    msAxis: function (v) { return v >= 1 ? Math.round(v).toLocaleString('en-US') : String(v); }
  };
  // Grouped bars leave 30% of each category empty and no gap between bars; the whiskers use the same geometry.
  var CATEGORY_GAP = 0.3;
  var rendered = 0;

  function present(v) { return v === null || v === undefined ? '-' : v; }

  function barItem(value, state) {
    var item = { value: present(value) };
    if (state) {
      item.itemStyle = { color: COLORS[state] };
      if (state === 'noisy' || state === 'failed') {
        item.label = { show: true, position: 'insideBottom', formatter: state.toUpperCase(), color: '#fff', fontWeight: 'bold' };
      }
    }
    return item;
  }

  /* A min-max whisker over bar number `index` of `count` in every category. */
  function whiskers(series, index, count) {
    return {
      type: 'custom',
      name: series.name + ' (min-max)',
      silent: true,
      z: 10,
      data: series.values.map(function (v, j) { return [j, present(series.low[j]), present(series.high[j])]; }),
      encode: { x: 0, y: [1, 2] },
      renderItem: function (params, api) {
        if (isNaN(api.value(1)) || isNaN(api.value(2))) { return null; }
        var group = api.size([1, 0])[0] * (1 - CATEGORY_GAP);
        var width = group / count;
        var x = api.coord([api.value(0), 0])[0] - group / 2 + width * (index + 0.5);
        var low = api.coord([api.value(0), api.value(1)])[1];
        var high = api.coord([api.value(0), api.value(2)])[1];
        var cap = Math.min(width * 0.4, 14) / 2;
        var style = { stroke: '#222', lineWidth: 1.5 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: x, y1: low, x2: x, y2: high }, style: style },
            { type: 'line', shape: { x1: x - cap, y1: low, x2: x + cap, y2: low }, style: style },
            { type: 'line', shape: { x1: x - cap, y1: high, x2: x + cap, y2: high }, style: style }
          ]
        };
      }
    };
  }

  function barTooltip(chart, format) {
    return function (params) {
      var j = params[0].dataIndex;
      var lines = [chart.categories[j]];
      chart.series.forEach(function (s) {
        if (s.values[j] === null) { return; }
        var line = s.name + ': ' + format(s.values[j]);
        if (s.low) { line += ' (min ' + format(s.low[j]) + ', max ' + format(s.high[j]) + ')'; }
        if (s.status && s.status[j] !== 'ok') { line += ' ' + s.status[j].toUpperCase(); }
        lines.push(line);
      });
      return lines.join('<br>');
    };
  }

  /* Palette colours in series order, skipping the ceilings, which are grey. */
  function seriesColors(chart) {
    var next = 0;
    return chart.series.map(function (s) { return s.ceiling ? COLORS.ceiling : PALETTE[next++ % PALETTE.length]; });
  }

  function barOption(chart) {
    var format = formats[chart.format];
    var count = chart.series.length;
    var colors = seriesColors(chart);
    var series = [];
    chart.series.forEach(function (s, i) {
      series.push({
        type: 'bar',
        name: s.name,
        itemStyle: { color: colors[i] },
        barGap: '0%',
        barCategoryGap: (CATEGORY_GAP * 100) + '%',
        data: s.values.map(function (v, j) { return barItem(v, s.status ? s.status[j] : null); })
      });
      if (s.low && s.high) { series.push(whiskers(s, i, count)); }
    });
    return {
      animation: false,
      title: { text: chart.title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: barTooltip(chart, format) },
      legend: count > 1 ? { top: 26, data: chart.series.map(function (s) { return s.name; }) } : { show: false },
      grid: { top: count > 1 ? 70 : 45, left: 16, right: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 4 ? 20 : 0 } },
      yAxis: { type: 'value', name: chart.axisName, axisLabel: { formatter: format } },
      series: series
    };
  }

  /* HdrHistogram's percentile axis: x = 1 / (1 - q), so 10 is p90, 100 is p99, 1000 is p99.9. */
  function percentileLabel(x) {
    return String(Number((100 * (1 - 1 / x)).toFixed(3))) + '%';
  }

  function percentileOption(chart) {
    var colors = seriesColors(chart);
    return {
      animation: false,
      title: { text: chart.title, textStyle: { fontSize: 14 } },
      tooltip: {
        trigger: 'item',
        formatter: function (p) { return p.seriesName + ', ' + chart.categories[p.dataIndex] + ': ' + formats.ms(p.value[1]) + ' ms'; }
      },
      legend: { top: 26 },
      grid: { top: 70, left: 16, right: 30, bottom: 30, containLabel: true },
      xAxis: { type: 'log', min: 1, max: 1000, name: 'percentile', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: percentileLabel } },
      yAxis: { type: 'log', name: chart.axisName + ' (log)', axisLabel: { formatter: formats.ms } },
      series: chart.series.map(function (s, i) {
        return {
          type: 'line',
          name: s.name,
          symbolSize: 7,
          itemStyle: { color: colors[i] },
          lineStyle: { color: colors[i] },
          data: s.values.map(function (v, j) { return [chart.xPositions[j], v > 0 ? v : null]; })
        };
      })
    };
  }

  /* Where a p99 of 0 ms (under Gatling's 1 ms resolution) is drawn on the logarithmic axis; the tooltip says 0. */
  var LOG_FLOOR = 0.5;

  function decadeBelow(v) { return Math.pow(10, Math.floor(Math.log10(v))); }
  function decadeAbove(v) { return Math.pow(10, Math.ceil(Math.log10(v) + 0.01)); }

  /* A latency ladder: p99 against the arrival rate achieved, one line per target through its steps in the order run.
     Hollow points: the generator could not keep the rate; triangles: failed requests; dashed red line: the SLO. */
  function ladderOption(chart) {
    var colors = seriesColors(chart);
    var drawn = [chart.markLine];
    chart.series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null) { drawn.push(Math.max(v, LOG_FLOOR)); } });
    });
    var encode = echarts.format.encodeHTML;
    return {
      animation: false,
      title: { text: chart.title, textStyle: { fontSize: 14 } },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.componentType === 'markLine') { return encode(chart.markLabel); }
          var s = chart.series[p.seriesIndex];
          return encode(s.name) + '<br>' + encode(s.notes[p.dataIndex]);
        }
      },
      legend: { top: 26 },
      grid: { top: 70, left: 16, right: 30, bottom: 30, containLabel: true },
      xAxis: { type: 'value', name: 'arrival rate achieved (req/s)', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: formats.rate } },
      yAxis: {
        // A decade of room below the lowest point or the SLO, so the dashed line never sits on the axis.
        type: 'log', name: chart.axisName + ' (log)', min: decadeBelow(Math.min.apply(null, drawn) / 2),
        max: decadeAbove(Math.max.apply(null, drawn)), axisLabel: { formatter: formats.msAxis }
      },
      series: chart.series.map(function (s, i) {
        var series = {
          type: 'line',
          name: s.name,
          symbolSize: 9,
          itemStyle: { color: colors[i] },
          lineStyle: { color: colors[i], width: 2 },
          data: s.values.map(function (v, j) {
            if (v === null) { return { value: [s.x[j], '-'] }; }
            var limited = s.status[j].indexOf('generator-limited') >= 0;
            var errors = s.status[j].indexOf('errors') >= 0;
            return {
              value: [s.x[j], Math.max(v, LOG_FLOOR)],
              symbol: errors ? 'triangle' : 'circle',
              symbolSize: errors ? 12 : 9,
              itemStyle: { color: limited ? '#fff' : colors[i], borderColor: colors[i], borderWidth: 2 }
            };
          })
        };
        if (i === 0 && chart.markLine !== undefined && chart.markLine !== null) {
          series.markLine = {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: COLORS.failed, width: 1.5 },
            label: { formatter: chart.markLabel, position: 'insideEndTop', color: COLORS.failed },
            data: [{ yAxis: chart.markLine }]
          };
        }
        return series;
      })
    };
  }

  var OPTIONS = { bars: barOption, percentiles: percentileOption, ladder: ladderOption };

  data.charts.forEach(function (chart) {
    var element = document.getElementById(chart.id);
    if (!element) {
      window.webbenchRecordError('no element for chart ' + chart.id);
      return;
    }
    try {
      var build = OPTIONS[chart.kind];
      if (!build) { throw new Error('unknown chart kind ' + chart.kind); }
      var option = build(chart);
      var instance = echarts.init(element, null, { renderer: 'svg' });
      // ECharts fires 'finished' inside setOption when animation is off, so listen first; an empty chart also
      // 'finishes', hence the check that something was drawn.
      instance.on('finished', function counted() {
        if (!element.querySelector('svg path')) { return; }
        instance.off('finished', counted);
        element.setAttribute('data-rendered', 'true');
        rendered += 1;
        status.setAttribute('data-charts-rendered', String(rendered));
      });
      instance.setOption(option);
      window.addEventListener('resize', function () { instance.resize(); });
    } catch (e) {
      window.webbenchRecordError('chart ' + chart.id + ': ' + (e && e.stack ? e.stack : e));
    }
  });
})();
