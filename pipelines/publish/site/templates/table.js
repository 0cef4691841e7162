// A table page's rows: filter by typing, sort by a column heading. The rows are static HTML (the page works
// without this script); this only hides and reorders them. No network, no library: works from file://.
(function () {
  "use strict";
  var table = document.getElementById("rows");
  var form = document.getElementById("row-filter");
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  if (!table || !form || !input) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var total = rows.length;

  function norm(text) { return String(text || "").normalize("NFKC").toLowerCase(); }

  var texts = rows.map(function (tr) { return norm(tr.textContent); });

  function filter() {
    var terms = norm(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (tr, i) {
      var hit = terms.every(function (t) { return texts[i].indexOf(t) !== -1; });
      tr.hidden = !hit;
      if (hit) { shown += 1; }
    });
    status.textContent = terms.length ? shown + " / " + total + " 行 rows" : "";
  }

  // Sort keys: numbers as numbers (empty cells last), source spans by their first line, text in Chinese order.
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  function key(tr, index, type) {
    var text = tr.cells[index].textContent.trim();
    if (text === "∅" || text === "") { return null; }
    if (type === "number" || type === "line") {
      var n = parseFloat(type === "line" ? text.replace(/^L/, "") : text);
      return isNaN(n) ? null : n;
    }
    return text;
  }

  function sortBy(th, index) {
    var type = th.getAttribute("data-type");
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var keyed = rows.map(function (tr, i) { return { tr: tr, k: key(tr, index, type), i: i }; });
    keyed.sort(function (a, b) {
      if (a.k === null || b.k === null) { return (a.k === null) - (b.k === null) || a.i - b.i; }
      var c = typeof a.k === "number" ? a.k - b.k : collator.compare(a.k, b.k);
      return c * dir || a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (e) { fragment.appendChild(e.tr); });
    body.appendChild(fragment);
  }

  // Every heading but the permalink column becomes a button that sorts by it.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (th.classList.contains("anchor")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild && !(th.firstChild.nodeType === 1 && th.firstChild.classList.contains("ref"))) {
      if (th.firstChild.nodeName === "BR" && th.firstChild.nextSibling &&
          th.firstChild.nextSibling.nodeType === 1 && th.firstChild.nextSibling.classList.contains("ref")) { break; }
      button.appendChild(th.firstChild);
    }
    th.insertBefore(button, th.firstChild);
    button.addEventListener("click", function () { sortBy(th, index); });
  });

  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); filter(); });
  input.addEventListener("input", filter);
})();
