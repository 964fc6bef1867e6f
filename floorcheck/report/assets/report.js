// floorcheck HTML report: language, layers, filters, finding <-> plan, zoom and pan.
// Self-contained: no network, no libraries.
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var svg = document.getElementById("plan");
  var data = JSON.parse(document.getElementById("fc-data").textContent);
  var items = Array.prototype.slice.call(document.querySelectorAll("#findings li"));
  var byNumber = {};
  items.forEach(function (li) { byNumber[li.dataset.n] = li; });
  var home = svg.getAttribute("data-view").split(" ").map(Number);
  var view = home.slice();

  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", v.map(function (x) { return +x.toFixed(4); }).join(" "));
  }

  // --- language ---
  function setLang(lang) {
    root.dataset.lang = lang;
    root.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-setlang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.setlang === lang));
    });
  }
  document.querySelectorAll("[data-setlang]").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.dataset.setlang); });
  });
  setLang(root.dataset.lang || data.lang || "en");

  // --- layers ---
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });

  // --- filters: severity and rule family ---
  function ticked(attr) {
    var out = {};
    document.querySelectorAll("input[data-" + attr + "]").forEach(function (b) {
      out[b.getAttribute("data-" + attr)] = b.checked;
    });
    return out;
  }
  var shownNumbers = {};
  function applyFilters() {
    var sev = ticked("sev"), fam = ticked("fam");
    shownNumbers = {};
    items.forEach(function (li) {
      var ok = sev[li.dataset.sev] !== false && fam[li.dataset.fam] !== false;
      if (ok) { shownNumbers[li.dataset.n] = true; }
      li.classList.toggle("filtered-out", !ok);
    });
    svg.querySelectorAll("[data-f]").forEach(function (el) {
      var any = el.getAttribute("data-f").split(" ").some(function (n) { return shownNumbers[n]; });
      el.classList.toggle("filtered", !any);
    });
    showList(currentSpot);
  }
  document.querySelectorAll("input[data-sev], input[data-fam]").forEach(function (b) {
    b.addEventListener("change", applyFilters);
  });

  // --- the list: all findings, or those at a spot ---
  var here = document.getElementById("here");
  var hereList = document.getElementById("here-list");
  var currentSpot = null;
  function showList(numbers) {
    currentSpot = numbers;
    items.forEach(function (li) {
      var inSpot = !numbers || numbers.indexOf(li.dataset.n) >= 0;
      li.classList.toggle("hidden", !inSpot || li.classList.contains("filtered-out"));
    });
    if (numbers) {
      here.hidden = false;
      hereList.textContent = numbers.length ? numbers.join(", ") : data.none_here[root.dataset.lang === "zh" ? 1 : 0];
    } else {
      here.hidden = true;
    }
  }
  document.getElementById("show-all").addEventListener("click", function () { showList(null); });

  // --- a finding on the plan ---
  function clearHighlight() {
    svg.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    items.forEach(function (li) { li.classList.remove("sel"); });
  }
  function elementsOf(n) {
    return Array.prototype.slice.call(svg.querySelectorAll("[data-f]")).filter(function (el) {
      return el.getAttribute("data-f").split(" ").indexOf(String(n)) >= 0;
    });
  }
  function zoomTo(elements) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    elements.forEach(function (el) {
      var b = el.getBBox();
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
    });
    if (!isFinite(x0)) { return; }
    var minSize = Math.max(home[2], home[3]) * 0.12;
    var w = Math.max(x1 - x0, minSize) * 1.5, h = Math.max(y1 - y0, minSize) * 1.5;
    var aspect = home[2] / home[3];
    if (w / h < aspect) { w = h * aspect; } else { h = w / aspect; }
    setView([(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h]);
  }
  function select(n, zoom) {
    clearHighlight();
    var li = byNumber[n];
    if (li) { li.classList.add("sel"); }
    var els = elementsOf(n);
    els.forEach(function (el) { el.classList.add("hl"); });
    if (zoom && els.length) { zoomTo(els); }
    return els;
  }
  items.forEach(function (li) {
    function go() {
      select(li.dataset.n, true);
      svg.scrollIntoView({ block: "nearest" });
    }
    li.addEventListener("click", go);
    li.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
  });

  // --- the plan: findings at a spot ---
  function numbersAt(clientX, clientY) {
    var found = {}, zones = {};
    document.elementsFromPoint(clientX, clientY).forEach(function (el) {
      var g = el.closest ? el.closest("[data-f]") : null;
      if (g && svg.contains(g)) {
        g.getAttribute("data-f").split(" ").forEach(function (n) { found[n] = true; });
      }
      var z = el.getAttribute && el.getAttribute("data-zone");
      if (z) { zones[z] = true; }
    });
    items.forEach(function (li) {
      var zs = (li.dataset.zones || "").split(" ");
      if (li.dataset.sev !== "info" && zs.some(function (z) { return zones[z]; })) { found[li.dataset.n] = true; }
    });
    return Object.keys(found).filter(function (n) { return byNumber[n]; })
      .sort(function (a, b) { return a - b; });
  }

  // --- zoom and pan ---
  var drag = null, moved = false;
  function svgScale() {
    var r = svg.getBoundingClientRect();
    return Math.max(view[2] / r.width, view[3] / r.height);
  }
  svg.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, y: e.clientY, view: view.slice(), scale: svgScale() };
    moved = false;
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) { moved = true; svg.classList.add("dragging"); }
    if (moved) {
      setView([drag.view[0] - dx * drag.scale, drag.view[1] - dy * drag.scale, drag.view[2], drag.view[3]]);
    }
  });
  function endDrag(e) {
    if (drag && !moved && e.type === "pointerup") {
      var numbers = numbersAt(e.clientX, e.clientY);
      clearHighlight();
      numbers.forEach(function (n) { elementsOf(n).forEach(function (el) { el.classList.add("hl"); }); });
      showList(numbers);
    }
    drag = null;
    svg.classList.remove("dragging");
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointerleave", function (e) { if (drag) { endDrag(e); } });
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect();
    var s = svgScale();
    var px = view[0] + (e.clientX - r.left - (r.width - view[2] / s) / 2) * s;
    var py = view[1] + (e.clientY - r.top - (r.height - view[3] / s) / 2) * s;
    var k = e.deltaY > 0 ? 1.2 : 1 / 1.2;
    var w = Math.min(Math.max(view[2] * k, home[2] / 200), home[2] * 4);
    k = w / view[2];
    setView([px - (px - view[0]) * k, py - (py - view[1]) * k, view[2] * k, view[3] * k]);
  }, { passive: false });

  function reset() { setView(home.slice()); }
  document.getElementById("reset").addEventListener("click", function () {
    reset(); clearHighlight(); showList(null);
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  window.addEventListener("beforeprint", reset);
  applyFilters();
})();
