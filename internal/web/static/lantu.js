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
