/* The national search page: Pagefind's interface, its input labelled, the query of the
   home page's form (?q=) searched at once. Without JavaScript the office list stays. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../", script.src);
  var box = document.getElementById("cari-nasional");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#cari-nasional",
    bundlePath: new URL("pagefind/", root).pathname,
    baseUrl: root.pathname,
    showImages: false,
    resetStyles: false,
    showSubResults: false,
    pageSize: 10,
    excerptLength: 24
  });
  function label(tries) {
    var input = box.querySelector(".pagefind-ui__search-input");
    if (!input) {
      if (tries > 0) { window.setTimeout(function () { label(tries - 1); }, 50); }
      return;
    }
    input.id = "cari-nasional-teks";
    var text = document.createElement("label");
    text.htmlFor = input.id;
    text.className = "ppid-search__label";
    text.textContent = "Kata kunci pencarian";
    input.parentNode.insertBefore(text, input);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  label(100);
})();
