// Permalinks from before a page was split by document still arrive: when this page no longer holds the #fragment
// of the address, it opens the page that does. A chart (#chart-…) of a package page is on its document's chart
// page, which the package page links by the same fragment; a row (#row-…) of a table's landing page is on the
// page of the document whose id the anchor starts with (or of the only document). No network, no library.
(function () {
  "use strict";
  var hash = location.hash;
  if (hash.length < 2 || document.getElementById(decodeURIComponent(hash.slice(1)))) { return; }
  var links = document.querySelectorAll("a[href*='#']");
  for (var i = 0; i < links.length; i += 1) {
    var href = links[i].getAttribute("href");
    if (href.charAt(0) !== "#" && href.slice(href.indexOf("#")) === hash) { location.replace(href); return; }
  }
  if (hash.indexOf("#row-") !== 0) { return; }
  var hit = null;
  var pages = document.querySelectorAll("#documents a[data-document]");
  Array.prototype.forEach.call(pages, function (a) {
    var id = a.getAttribute("data-document");
    var longer = !hit || id.length > hit.getAttribute("data-document").length;
    if (hash.indexOf("#row-" + id + "-") === 0 && longer) { hit = a; }
  });
  if (!hit && pages.length === 1) { hit = pages[0]; }
  if (hit) { location.replace(hit.getAttribute("href") + hash); }
})();
