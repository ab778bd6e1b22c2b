/* PPID kit: filters for the DIP table, the chosen file's name, a request prefilled from an
   entry. Without JavaScript the table is complete and plain and the forms work as they are. */
(function () {
  "use strict";
  function norm(text) {
    return (text || "").toLocaleLowerCase("id").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function setup(form) {
    var table = document.querySelector("[data-ppid-table]");
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return norm(row.textContent); });
    var count = form.querySelector("[data-ppid-count]");
    var params = new URLSearchParams(window.location.search);
    ["teks", "kategori", "unit", "tahun"].forEach(function (name) {
      if (params.has(name) && form.elements[name]) { form.elements[name].value = params.get(name); }
    });
    function apply() {
      var q = norm(form.elements.teks.value).trim().split(/\s+/).filter(Boolean);
      var k = form.elements.kategori.value, u = form.elements.unit.value, y = form.elements.tahun.value;
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = (!k || row.dataset.kategori === k) && (!u || row.dataset.unit === u) &&
          (!y || row.dataset.tahun === y) && q.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown === rows.length ? "Menampilkan semua " + rows.length + " entri." :
        "Menampilkan " + shown + " dari " + rows.length + " entri.";
    }
    var timer = null;
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }
  // Pagefind's input carries only a placeholder: give it a visible label of its own.
  function labelSearch(container, tries) {
    var input = container.querySelector(".pagefind-ui__search-input");
    if (!input) {
      if (tries > 0) { window.setTimeout(function () { labelSearch(container, tries - 1); }, 50); }
      return;
    }
    input.id = "ppid-cari-teks";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "ppid-search__label";
    label.textContent = "Kata kunci pencarian";
    container.parentNode.insertBefore(label, container);
  }
  // The file chooser's Indonesian label shows the chosen file's name (site_builder.render.formulir).
  function fileNames() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ppid-file]"), function (input) {
      var shown = document.getElementById("n-" + input.id);
      if (!shown) { return; }
      var empty = shown.textContent;
      input.addEventListener("change", function () {
        shown.textContent = input.files && input.files.length ? "Dipilih: " + input.files[0].name : empty;
      });
    });
  }
  // "Minta informasi ini" on an entry page: /layanan/permohonan/?rincian=<the entry's title>
  function prefill() {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(document.querySelectorAll("[data-ppid-prefill]"), function (field) {
      var value = params.get(field.dataset.ppidPrefill);
      if (value && !field.value) { field.value = value.slice(0, field.maxLength > 0 ? field.maxLength : 5000); }
    });
  }
  function start() {
    fileNames();
    prefill();
    var form = document.querySelector("[data-ppid-filter]");
    if (form) { setup(form); }
    var search = document.querySelector("[data-pagefind-ui]");
    if (search && window.PagefindUI) {
      var ui = new window.PagefindUI({ element: "#" + search.id, bundlePath: search.dataset.bundle,
        showSubResults: true, showImages: false, resetStyles: false });
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { ui.triggerSearch(q); }
      labelSearch(search, 20);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
