(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var ruleFilter = document.getElementById("rule-filter");
  var generationFilter = document.getElementById("generation-filter");
  var shown = document.getElementById("shown");
  var details = Array.prototype.slice.call(document.querySelectorAll(".repo-detail"));

  function filter() {
    var rule = ruleFilter.value;
    var generation = generationFilter.value;
    var count = 0;
    rows.forEach(function (row) {
      var failing = row.getAttribute("data-failing").split(" ");
      var visible = (!rule || failing.indexOf(rule) >= 0) &&
        (!generation || row.getAttribute("data-generation") === generation);
      row.hidden = !visible;
      count += visible ? 1 : 0;
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  function value(row, index, numeric) {
    var text = row.cells[index].getAttribute("data-v");
    return numeric ? (text === "" ? -1 : parseFloat(text)) : text;
  }

  function sortBy(index) {
    var header = headers[index];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = value(a, index, numeric);
      var y = value(b, index, numeric);
      var order = numeric ? x - y : String(x).localeCompare(String(y));
      order = ascending ? order : -order;
      return order || value(a, 0, false).localeCompare(value(b, 0, false));
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function follow() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("repo-") === 0) {
      details.forEach(function (d) { d.classList.toggle("shown", d.id === id); });
    } else if (id.indexOf("rule-") === 0) {
      var doc = document.getElementById(id);
      if (doc && doc.tagName === "DETAILS") { doc.open = true; }
    }
  }

  headers.forEach(function (header, index) {
    header.querySelector("button").addEventListener("click", function () { sortBy(index); });
  });
  ruleFilter.addEventListener("change", filter);
  generationFilter.addEventListener("change", filter);
  window.addEventListener("hashchange", follow);
  filter();
  follow();
})();
