// Client-side search over the prebuilt index in search-index.js (loaded by a <script> tag, not fetch(),
// so that it works from file:// as well as from any static host). Substring matching, not word
// splitting: Chinese has no spaces between words, so "重大工程" must match inside longer text.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) { return; }
  var KIND = { dataset: "数据集 dataset", table: "数据表 table" };

  function norm(text) { return String(text || "").normalize("NFKC").toLowerCase(); }

  var entries = (window.PLANS_SEARCH_INDEX || []).map(function (e) {
    return { entry: e, title: norm(e.title_zh + " " + e.title_en), text: norm(e.text) };
  });

  function search(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    if (!terms.length) { return []; }
    var hits = entries.filter(function (e) {
      return terms.every(function (t) { return e.text.indexOf(t) !== -1; });
    });
    // Title matches first, then datasets before tables; the index order breaks ties (stable sort).
    return hits.map(function (e, i) {
      var inTitle = terms.every(function (t) { return e.title.indexOf(t) !== -1; });
      return { e: e.entry, rank: (inTitle ? 0 : 2) + (e.entry.kind === "dataset" ? 0 : 1), i: i };
    }).sort(function (a, b) { return a.rank - b.rank || a.i - b.i; }).map(function (h) { return h.e; });
  }

  function render() {
    var hits = search(input.value);
    list.textContent = "";
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.title_zh + " / " + e.title_en;  // textContent: data never becomes markup
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = KIND[e.kind] || e.kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = input.value.trim() ? hits.length + " 条结果 / results" : "";
  }

  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); render(); });
  input.addEventListener("input", render);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; }
  if (input.value) { render(); }
})();
