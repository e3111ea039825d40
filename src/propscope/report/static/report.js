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

  function show(seg) {
    var ids = idsOf(seg, "data-s");
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
