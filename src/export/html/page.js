// vsmap's interactive page: pan and zoom, hover details, a stream focused
// with its flow card, a finding's subjects highlighted, Before / After /
// Overlay. It reads ids from data- attributes and text from the JSON data
// block, and writes text only through textContent, so no user string is
// ever parsed as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vsmap-data").textContent);
  var body = document.body;
  var viewport = document.getElementById("viewport");
  var world = document.getElementById("world");
  var tip = document.getElementById("tip");
  var view = { x: 0, y: 0, k: 1 };
  var layers = {};
  var shown = "after";

  body.classList.add("js");

  // Each picture is placed at its own viewBox in one coordinate space, so
  // that before and after lie on each other in the overlay.
  Array.prototype.forEach.call(document.querySelectorAll(".layer"), function (el) {
    var svg = el.querySelector("svg");
    var vb = svg.viewBox.baseVal;
    svg.setAttribute("width", vb.width);
    svg.setAttribute("height", vb.height);
    el.style.left = vb.x + "px";
    el.style.top = vb.y + "px";
    // The script shows details itself; the SVG's own tooltips would double them.
    Array.prototype.forEach.call(svg.querySelectorAll("g.service > title, g.stream > title"), function (t) {
      t.parentNode.removeChild(t);
    });
    layers[el.getAttribute("data-map")] = { el: el, box: { x: vb.x, y: vb.y, w: vb.width, h: vb.height } };
  });

  function visibleLayers() {
    if (shown === "overlay") { return ["before", "after"].filter(function (m) { return layers[m]; }); }
    return layers[shown] ? [shown] : ["after"];
  }

  // The map whose lists and data the side panel shows.
  function listed() { return shown === "before" ? "before" : "after"; }

  function apply() {
    world.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.k + ")";
  }

  // Frames the union of boxes (in the pictures' coordinates, which are the
  // world's), zooming in at most to maxK.
  function frame(boxes, maxK) {
    if (!boxes.length) { return; }
    var x0 = Math.min.apply(null, boxes.map(function (b) { return b.x; }));
    var y0 = Math.min.apply(null, boxes.map(function (b) { return b.y; }));
    var x1 = Math.max.apply(null, boxes.map(function (b) { return b.x + b.w; }));
    var y1 = Math.max.apply(null, boxes.map(function (b) { return b.y + b.h; }));
    var vw = viewport.clientWidth || 800;
    var vh = viewport.clientHeight || 600;
    var k = Math.min(vw / Math.max(x1 - x0, 1), vh / Math.max(y1 - y0, 1), maxK);
    view.k = Math.max(k, 0.02);
    view.x = (vw - (x1 - x0) * view.k) / 2 - x0 * view.k;
    view.y = (vh - (y1 - y0) * view.k) / 2 - y0 * view.k;
    apply();
  }

  function fit() {
    frame(visibleLayers().map(function (m) { return layers[m].box; }), 2);
  }

  // Frames what is focused or highlighted, with a margin around it.
  function frameMarked() {
    var boxes = [];
    each(".layer:not([hidden]) g.service.on, .layer:not([hidden]) g.service.hit", function (n) {
      var b = n.getBBox();
      boxes.push({ x: b.x - 60, y: b.y - 60, w: b.width + 120, h: b.height + 120 });
    });
    frame(boxes, 1.5);
  }

  function zoomAt(factor, px, py) {
    var k = Math.min(Math.max(view.k * factor, 0.02), 8);
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    apply();
  }

  function zoomCentre(factor) {
    zoomAt(factor, viewport.clientWidth / 2, viewport.clientHeight / 2);
  }

  viewport.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  var drag = null;
  var dragged = false;
  viewport.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) { return; }
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    dragged = false;
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x;
    var dy = e.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    dragged = true;
    viewport.classList.add("dragging");
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    viewport.classList.remove("dragging");
  });

  // --- Text, built from the data block with textContent only.

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function findingLines(map, indices) {
    var ul = el("ul");
    indices.forEach(function (i) {
      var f = data[map].findings[i];
      ul.appendChild(el("li", f.severity + " · " + f.rule + ": " + f.message));
    });
    return ul;
  }

  function showTip(content, e) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(content);
    tip.hidden = false;
    var r = viewport.getBoundingClientRect();
    var x = e.clientX - r.left + 14;
    var y = e.clientY - r.top + 14;
    if (x + tip.offsetWidth > r.width) { x = Math.max(0, e.clientX - r.left - tip.offsetWidth - 14); }
    if (y + tip.offsetHeight > r.height) { y = Math.max(0, e.clientY - r.top - tip.offsetHeight - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function serviceTip(map, id) {
    var s = data[map].services[id];
    if (!s) { return null; }
    var box = el("div");
    box.appendChild(el("strong", s.name));
    box.appendChild(el("span", s.kind + (s.team ? " · owned by " + s.team : " · no owner"), "meta"));
    if (s.description) { box.appendChild(el("p", s.description)); }
    if (s.findings.length) { box.appendChild(findingLines(map, s.findings)); }
    return box;
  }

  function streamTip(map, id) {
    var s = data[map].streams[id];
    if (!s) { return null; }
    var box = el("div");
    box.appendChild(el("strong", s.name));
    box.appendChild(el("span", "Value stream" + (s.customer ? " for " + s.customer : "") + " · click to focus", "meta"));
    return box;
  }

  function layerOf(node) {
    var layer = node.closest(".layer");
    return layer ? layer.getAttribute("data-map") : null;
  }

  viewport.addEventListener("mousemove", function (e) {
    if (drag && dragged) { tip.hidden = true; return; }
    var g = e.target.closest ? e.target.closest("g.service, g.stream") : null;
    var map = g && layerOf(g);
    var content = null;
    if (g && map) {
      var id = g.getAttribute("data-id");
      content = g.classList.contains("service") ? serviceTip(map, id) : streamTip(map, id);
    }
    if (content) { showTip(content, e); } else { tip.hidden = true; }
  });
  viewport.addEventListener("mouseleave", function () { tip.hidden = true; });

  // --- Focus and highlight.

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function clear() {
    body.classList.remove("focusing", "highlighting");
    each(".layer .on", function (n) { n.classList.remove("on"); });
    each(".layer .hit", function (n) { n.classList.remove("hit"); });
    each("aside [aria-pressed=\"true\"]", function (b) { b.setAttribute("aria-pressed", "false"); });
    each("aside .active", function (b) { b.classList.remove("active"); });
    each("aside .card", function (c) { c.hidden = true; });
  }

  function inLayers(fn) {
    visibleLayers().forEach(function (m) { fn(layers[m].el, m); });
  }

  function byData(root, tag, attr, value) {
    return Array.prototype.filter.call(root.querySelectorAll(tag + "[" + attr + "]"), function (n) {
      return n.getAttribute(attr) === value;
    });
  }

  function focusStream(id) {
    var map = listed();
    var s = data[map].streams[id];
    if (!s) { return; }
    clear();
    body.classList.add("focusing");
    inLayers(function (root, m) {
      var stream = data[m].streams[id];
      if (!stream) { return; }
      byData(root, "g.stream", "data-id", id).forEach(function (n) { n.classList.add("on"); });
      stream.steps.forEach(function (step, i) {
        byData(root, "g.service", "data-id", step).forEach(function (n) { n.classList.add("on"); });
        var next = stream.steps[i + 1];
        if (next === undefined) { return; }
        byData(root, "g.link", "data-from", step).forEach(function (n) {
          if (n.getAttribute("data-to") === next) { n.classList.add("on"); }
        });
      });
    });
    each("aside [data-map=\"" + map + "\"] .stream-item", function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-stream") === id ? "true" : "false");
    });
    var card = document.querySelector("aside .streams[data-map=\"" + map + "\"] .card");
    if (card) { fillCard(card, map, s); }
    frameMarked();
    remember("stream=" + encodeURIComponent(id));
  }

  function fillCard(card, map, s) {
    while (card.firstChild) { card.removeChild(card.firstChild); }
    card.appendChild(el("h3", s.name));
    if (s.description) { card.appendChild(el("p", s.description)); }
    var dl = el("dl");
    function row(term, value) {
      if (value === null || value === undefined || value === "") { return; }
      dl.appendChild(el("dt", term));
      dl.appendChild(el("dd", value));
    }
    row("Customer", s.customer);
    row("Owner", s.owner || "no owner");
    row("Teams", s.teams.length + (s.teams.length ? ": " + s.teams.join(", ") : ""));
    row("Handoffs", s.handoffs);
    row("Lead time", s.lead_time);
    row("Flow efficiency", s.flow_efficiency === null ? null : s.flow_efficiency + " %");
    row("Longest handoff wait", s.longest_wait);
    row("Findings", s.findings.length);
    card.appendChild(dl);
    var steps = el("ol");
    s.steps.forEach(function (id) {
      var svc = data[map].services[id];
      steps.appendChild(el("li", svc ? svc.name : id));
    });
    card.appendChild(steps);
    if (s.findings.length) { card.appendChild(findingLines(map, s.findings)); }
    card.hidden = false;
  }

  function highlight(ids, button) {
    clear();
    if (button) { button.classList.add("active"); }
    var any = false;
    inLayers(function (root) {
      ids.forEach(function (id) {
        byData(root, "g.service", "data-id", id).forEach(function (n) { n.classList.add("hit"); any = true; });
        byData(root, "g.stream", "data-id", id).forEach(function (n) { n.classList.add("on"); });
      });
    });
    if (any) {
      body.classList.add("highlighting");
      frameMarked();
    }
  }

  function showFinding(i) {
    var map = listed();
    var f = data[map].findings[i];
    if (!f) { return; }
    var button = document.querySelector("aside .findings[data-map=\"" + map + "\"] [data-finding=\"" + i + "\"]");
    var services = f.subjects.filter(function (id) { return data[map].services[id]; });
    var streams = f.subjects.filter(function (id) { return data[map].streams[id]; });
    if (!services.length && streams.length) {
      // A finding about a stream as a whole shows the stream.
      focusStream(streams[0]);
      if (button) { button.classList.add("active"); }
    } else {
      highlight(f.subjects, button);
    }
    remember("finding=" + i);
  }

  function setView(v) {
    if (!layers.before && v !== "after") { return; }
    shown = v;
    clear();
    body.classList.remove("view-before", "view-after", "view-overlay");
    body.classList.add("view-" + v);
    if (layers.before) { layers.before.el.hidden = v === "after"; }
    layers.after.el.hidden = v === "before";
    each(".views button", function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-view") === v ? "true" : "false");
    });
    fit();
  }

  function remember(hash) {
    try { history.replaceState(null, "", "#" + hash); } catch (err) { /* a page opened from some viewers cannot */ }
  }

  // --- Clicks, keys and deep links.

  document.addEventListener("click", function (e) {
    var t = e.target;
    var b = t.closest ? t.closest("button") : null;
    if (b) {
      if (b.hasAttribute("data-stream")) { focusStream(b.getAttribute("data-stream")); }
      else if (b.hasAttribute("data-finding")) { showFinding(Number(b.getAttribute("data-finding"))); }
      else if (b.hasAttribute("data-change")) {
        var ids = (b.getAttribute("data-services") || "").split(" ").filter(Boolean);
        highlight(ids, b);
      }
      else if (b.hasAttribute("data-view")) { setView(b.getAttribute("data-view")); }
      else if (b.id === "fit") { fit(); }
      else if (b.id === "zoom-in") { zoomCentre(1.25); }
      else if (b.id === "zoom-out") { zoomCentre(0.8); }
      else if (b.id === "clear") { clear(); remember(""); }
      else if (b.id === "print") { window.print(); }
      return;
    }
    if (dragged || !viewport.contains(t)) { return; }
    var g = t.closest ? t.closest("g.stream, g.service") : null;
    if (g && g.classList.contains("stream")) { focusStream(g.getAttribute("data-id")); }
    else if (g) {
      var s = data[layerOf(g)] && data[layerOf(g)].services[g.getAttribute("data-id")];
      if (s && s.findings.length) { showFinding(s.findings[0]); } else { highlight([g.getAttribute("data-id")], null); }
    } else { clear(); }
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === "+" || e.key === "=") { zoomCentre(1.25); }
    else if (e.key === "-") { zoomCentre(0.8); }
    else if (e.key === "0") { fit(); }
    else if (e.key === "Escape") { clear(); remember(""); }
  });

  window.addEventListener("resize", fit);
  window.addEventListener("beforeprint", function () { tip.hidden = true; });

  fit();
  var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  var view0 = /(?:^|&)view=(before|after|overlay)/.exec(hash);
  if (view0) { setView(view0[1]); }
  var stream0 = /(?:^|&)stream=([^&]+)/.exec(hash);
  var finding0 = /(?:^|&)finding=(\d+)/.exec(hash);
  if (stream0) { focusStream(stream0[1]); }
  else if (finding0) { showFinding(Number(finding0[1])); }
}());
