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
// loaded it. Without ECharts (or JavaScript) the tables beside it say the same.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof echarts === "undefined") return;
  document.querySelectorAll('[data-chart="trend"]').forEach((el) => {
    const src = document.getElementById(el.dataset.source);
    if (!src) return;
    const d = JSON.parse(src.textContent);
    const num = (v) => (v === null || v === undefined ? null : Number(v));
    const series = [
      { name: d.labels.progress, type: "bar", data: d.points.map((p) => num(p.progress)), itemStyle: { color: "#1d4ed8" } },
      { name: d.labels.expected, type: "line", data: d.points.map((p) => num(p.expected)), itemStyle: { color: "#b45309" }, lineStyle: { type: "dashed" } },
    ];
    if (d.target !== undefined && d.target !== null) {
      series[0].markLine = { symbol: "none", label: { position: "insideEndTop", formatter: d.labels.target + " {c}" }, lineStyle: { color: "#15803d" }, data: [{ yAxis: num(d.target) }] };
    }
    const chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 28 },
      xAxis: { type: "category", data: d.points.map((p) => p.period) },
      yAxis: { type: "value", name: d.unit },
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
