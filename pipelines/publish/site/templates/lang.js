// The language switch: Chinese, English or both. Loaded in <head> so the remembered choice applies before the
// page is drawn; the choice is kept in localStorage (one key for every page of the catalogue, file:// too).
// Without a script no choice is made and the CSS shows both languages.
(function () {
  "use strict";
  var KEY = "plans-lang";
  var CHOICES = ["zh", "en", "both"];
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function apply(choice) {
    if (CHOICES.indexOf(choice) === -1) { choice = "both"; }
    root.setAttribute("data-lang", choice);
    return choice;
  }

  var current = apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("lang-switch");
    if (!box) { return; }
    var inputs = box.querySelectorAll("input[name=lang]");
    Array.prototype.forEach.call(inputs, function (input) {
      input.checked = input.value === current;
      input.addEventListener("change", function () {
        current = apply(input.value);
        try { window.localStorage.setItem(KEY, current); } catch (e) { /* private mode: this page only */ }
      });
    });
    box.hidden = false;
  });
})();
