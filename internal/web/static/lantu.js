// lantu.js: the little the pages need beyond HTML. No inline scripts (CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive actions: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (e) => {
      if (!window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  // Bring a marked span into view when a document opens at it.
  const mark = document.getElementById("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
});

// Charts: <div data-chart="trend" data-source="ID"> with its data in
// <script type="application/json" id="ID">, drawn by the vendored ECharts when the page
// loaded it: this year's figure (bars), the expected path (dashed), last year's line and
// the target. Amounts on the axis in 万/亿 with the unit in Chinese. A chart without a
// figure says so (暂无数据), with or without ECharts.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll('[data-chart="trend"]').forEach((el) => {
    const src = document.getElementById(el.dataset.source);
    if (!src) return;
    const d = JSON.parse(src.textContent);
    const num = (v) => (v === null || v === undefined ? null : Number(v));
    const has = (k) => d.points.some((p) => p[k] !== null && p[k] !== undefined);
    if (!has("progress") && !has("last_year")) {
      el.classList.add("chart-empty");
      el.textContent = d.labels.empty;
      return;
    }
    if (typeof echarts === "undefined") return;
    const scaled = (v) => {
      if (v === null || v === undefined) return "";
      const a = Math.abs(v);
      if (d.lang !== "en" && d.unit !== "%") {
        if (a >= 1e8) return +(v / 1e8).toFixed(2) + "亿";
        if (a >= 1e4) return +(v / 1e4).toFixed(2) + "万";
      }
      return v.toLocaleString(d.lang === "en" ? "en" : "zh-CN", { maximumFractionDigits: 2 });
    };
    const series = [
      { name: d.labels.progress, type: "bar", data: d.points.map((p) => num(p.progress)), itemStyle: { color: "#1d4ed8" } },
      { name: d.labels.expected, type: "line", data: d.points.map((p) => num(p.expected)), itemStyle: { color: "#b45309" }, lineStyle: { type: "dashed" } },
    ];
    if (has("last_year")) {
      series.push({ name: d.labels.last_year, type: "line", data: d.points.map((p) => num(p.last_year)), itemStyle: { color: "#6b7280" }, lineStyle: { width: 1.5 }, symbol: "emptyCircle" });
    }
    if (d.target !== undefined && d.target !== null) {
      series[0].markLine = { symbol: "none", label: { position: "insideEndTop", formatter: () => d.labels.target + " " + scaled(num(d.target)) + d.unit }, lineStyle: { color: "#15803d" }, data: [{ yAxis: num(d.target) }] };
    }
    const chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : scaled(v) + d.unit) },
      legend: { top: 0 },
      grid: { left: 64, right: 20, top: 36, bottom: 28 },
      xAxis: { type: "category", data: d.points.map((p) => p.period) },
      yAxis: { type: "value", name: d.unit, axisLabel: { formatter: (v) => scaled(v) } },
      series: series,
    });
    window.addEventListener("resize", () => chart.resize());
  });
});

// Print buttons: <button data-print>; the print stylesheet leaves the controls out.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.addEventListener("click", () => window.print());
  });
});

// The review page's batch approval: one box ticks every report's box.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("batch-all");
  if (!all) return;
  all.addEventListener("change", () => {
    document.querySelectorAll('input[name="report"][form="batch"]').forEach((c) => { c.checked = all.checked; });
  });
});

// The plan switcher reloads the page on the chosen plan as soon as one is picked (its
// button does the same without scripts).
document.addEventListener("DOMContentLoaded", () => {
  const sel = document.getElementById("plan-switch");
  if (sel) sel.addEventListener("change", () => sel.form.submit());
});
