/* propscope report: the hover/focus card and link highlighting.
   Reads the JSON data block; builds every node with textContent (never innerHTML). */
(function () {
  "use strict";
  var dataEl = document.getElementById("propscope-data");
  var data = { labels: {}, spans: {} };
  try { if (dataEl) { data = JSON.parse(dataEl.textContent); } } catch (e) { /* keep the empty data */ }
  var card = document.getElementById("card");
  var lit = [];
  var current = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function idsOf(node, attr) {
    return (node.getAttribute(attr) || "").split(/\s+/).filter(function (x) { return x; });
  }

  function unlight(cls) {
    lit = lit.filter(function (entry) {
      if (entry[1] !== cls) { return true; }
      entry[0].classList.remove(cls);
      return false;
    });
  }

  /* cls "on": the spans under the pointer or focus; "hit": the target of a followed link. */
  function light(cls, attr, ids) {
    unlight(cls);
    ids.forEach(function (id) {
      var sel = "[" + attr + "~=\"" + (window.CSS && CSS.escape ? CSS.escape(id) : id) + "\"]";
      document.querySelectorAll(sel).forEach(function (node) { node.classList.add(cls); lit.push([node, cls]); });
    });
  }

  /* Layer toggles and the score threshold: which spans are shown.  A piece of text covered by
     several spans is repainted from the colours of those still shown (CSSOM, allowed by the CSP). */
  var hiddenLayers = {};
  var threshold = 0;

  function shown(id) {
    var span = data.spans[id];
    if (!span) { return false; }
    if (hiddenLayers[span.l]) { return false; }
    return !(typeof span.sc === "number" && span.sc < threshold);
  }

  function paint() {
    var filtering = threshold > 0 || Object.keys(hiddenLayers).some(function (k) { return hiddenLayers[k]; });
    document.querySelectorAll(".seg[data-s]").forEach(function (seg) {
      var ids = idsOf(seg, "data-s");
      if (!filtering) {
        seg.style.background = "";
        seg.classList.remove("off");
        if (seg.hasAttribute("data-flag")) { seg.classList.add("flag"); }
        return;
      }
      if (seg.classList.contains("flag")) { seg.setAttribute("data-flag", ""); }
      var visible = ids.filter(shown);
      var colours = [];
      visible.forEach(function (id) {
        var label = data.labels[data.spans[id].k] || {};
        if (label.colour && colours.indexOf(label.colour) < 0) { colours.push(label.colour); }
      });
      seg.classList.toggle("off", visible.length === 0);
      seg.classList.toggle("flag", visible.some(function (id) { return data.spans[id].flag; }));
      if (!colours.length) { seg.style.background = "transparent"; }
      else if (colours.length === 1) { seg.style.background = colours[0]; }
      else {
        var step = 100 / colours.length;
        seg.style.background = "linear-gradient(to bottom," + colours.map(function (c, i) {
          return c + " " + (i * step).toFixed(1) + "% " + ((i + 1) * step).toFixed(1) + "%";
        }).join(",") + ")";
      }
    });
    document.querySelectorAll(".legend-layer[data-layer]").forEach(function (node) {
      node.classList.toggle("off", !!hiddenLayers[node.getAttribute("data-layer")]);
    });
  }

  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.classList && t.classList.contains("layer-toggle")) {
      var layer = t.getAttribute("data-layer");
      hiddenLayers[layer] = !t.checked;
      document.querySelectorAll(".layer-toggle").forEach(function (other) {
        if (other.getAttribute("data-layer") === layer) { other.checked = t.checked; }
      });
      paint();
    }
  });
  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (t && t.classList && t.classList.contains("score-threshold")) {
      threshold = parseFloat(t.value) || 0;
      document.querySelectorAll(".score-threshold").forEach(function (other) {
        if (other !== t) { other.value = t.value; }
      });
      document.querySelectorAll(".score-value").forEach(function (out) { out.textContent = threshold.toFixed(2); });
      paint();
    }
  });

  /* The articles table: a click on a column's button sorts by its cells' data-v (numbers when
     every value is one; empty values last, whichever the direction). */
  function sortTable(button) {
    var th = button.closest("th");
    var table = th && th.closest("table");
    if (!table || !table.tBodies.length) { return; }
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    if (th.getAttribute("aria-sort") === null && button.getAttribute("data-first") === "descending") { asc = false; }
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var values = rows.map(function (row) {
      var cell = row.cells[col];
      return cell ? (cell.getAttribute("data-v") || "") : "";
    });
    var numeric = values.every(function (v) { return v === "" || !isNaN(Number(v)); });
    var order = rows.map(function (row, i) { return i; });
    order.sort(function (i, j) {
      var a = values[i], b = values[j];
      if (a === "" || b === "") { return (a === "") - (b === "") || i - j; }
      var c = numeric ? Number(a) - Number(b) : a.localeCompare(b);
      return (asc ? c : -c) || i - j;
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
  }
  document.addEventListener("click", function (ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest("button.sort") : null;
    if (button) { sortTable(button); }
  });

  function show(seg) {
    var ids = idsOf(seg, "data-s").filter(shown);
    if (!ids.length || !card) { return; }
    var entries = [];
    ids.forEach(function (id) {
      var span = data.spans[id];
      if (!span) { return; }
      var label = data.labels[span.k] || {};
      var box = el("div", "entry");
      var head = el("div", "head");
      head.appendChild(el("span", "sw " + span.k));
      head.appendChild(el("span", "layer", label.layer));
      head.appendChild(el("strong", null, label.label));
      box.appendChild(head);
      if (label.definition) { box.appendChild(el("p", "def", label.definition)); }
      if (span.flag) { box.appendChild(el("p", "flag", span.flag)); }
      var rows = (span.rows || []).slice(1);
      if (rows.length) {
        var dl = el("dl");
        rows.forEach(function (row) { dl.appendChild(el("dt", null, row[0])); dl.appendChild(el("dd", null, row[1])); });
        box.appendChild(dl);
      }
      entries.push(box);
    });
    if (!entries.length) { return; }
    while (card.firstChild) { card.removeChild(card.firstChild); }
    entries.forEach(function (box) { card.appendChild(box); });
    card.hidden = false;
    var rect = seg.getBoundingClientRect();
    var width = card.offsetWidth;
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (rect.bottom + window.scrollY + 6) + "px";
    seg.setAttribute("aria-describedby", "card");
    current = seg;
    light("on", "data-s", ids);
  }

  function hide() {
    if (card) { card.hidden = true; }
    if (current) { current.removeAttribute("aria-describedby"); current = null; }
    unlight("on");
  }

  function segOf(target) {
    return target && target.closest ? target.closest(".seg[data-s]") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var seg = segOf(ev.target);
    if (seg && seg !== current) { show(seg); }
  });
  document.addEventListener("mouseout", function (ev) {
    var seg = segOf(ev.target);
    if (seg && !seg.contains(ev.relatedTarget) && document.activeElement !== seg) { hide(); }
  });
  document.addEventListener("focusin", function (ev) {
    var seg = segOf(ev.target);
    if (seg) { show(seg); }
  });
  document.addEventListener("focusout", function (ev) {
    if (segOf(ev.target)) { hide(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hide(); }
  });

  function followHash() {
    var hash = "";
    try { hash = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    if (hash.indexOf("s-") === 0) { light("hit", "data-s", [hash.slice(2)]); }
    else if (hash.indexOf("t-") === 0) { light("hit", "data-t", [hash]); }
    else { unlight("hit"); }
  }
  window.addEventListener("hashchange", followHash);
  followHash();
}());
