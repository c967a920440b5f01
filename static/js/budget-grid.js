/* The budget grid (admin, budget/admin_grid.py): sub-totals and the grand total follow what
   the clerk types. Amounts are read as common/forms.py's MoneyField reads them: thousands
   separators, the unit picked above the table (원 / 천원 / 백만원) or typed after the number.
   Sums are kept in won as integers (BigInt), so no rounding creeps in. Loaded as a file
   (the site's CSP allows no inline script). */
(function () {
  "use strict";

  var UNITS = { "원": 1n, "천원": 1000n, "백만원": 1000000n };
  var NUMBER = /^(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d+))?(백만원|천원|원)?$/;

  function places(unit) {
    return String(UNITS[unit]).length - 1;
  }

  /* Won typed in `text` (unit from the text or `unit`); null when empty; NaN when unreadable. */
  function parse(text, unit) {
    var cleaned = text.normalize("NFKC").replace(/\s+/g, "");
    if (cleaned === "") return null;
    var match = NUMBER.exec(cleaned);
    if (!match || (match[1] === undefined && match[2] === undefined)) return NaN;
    var used = match[3] || unit;
    var fraction = match[2] || "";
    if (fraction.length > places(used)) return NaN;
    var whole = BigInt((match[1] || "0").replace(/,/g, ""));
    var padded = (fraction + "000000").slice(0, places(used)) || "0";
    return whole * UNITS[used] + BigInt(padded);
  }

  /* Won shown in a unit, exact: 4378500n in 천원 is "4,378.5". */
  function format(won, unit) {
    var factor = UNITS[unit];
    var whole = won / factor;
    var rest = won % factor;
    var text = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    if (rest > 0n) {
      text += "." + rest.toString().padStart(places(unit), "0").replace(/0+$/, "");
    }
    return text;
  }

  function setUp(form) {
    var unitSelect = form.querySelector("select[name=unit]");
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input.budget-grid-input"));
    var totals = form.querySelectorAll("[data-total-for]");
    var unit = unitSelect ? unitSelect.value : "원";

    function recompute() {
      var sums = { all: 0n };
      var seen = { all: false };
      var unreadable = false;
      inputs.forEach(function (input) {
        var won = parse(input.value, unit);
        if (won === null) return;
        if (typeof won !== "bigint") {
          unreadable = true;
          input.setAttribute("data-unreadable", "");
          return;
        }
        input.removeAttribute("data-unreadable");
        var keys = (input.getAttribute("data-ancestors") || "").split(" ").filter(Boolean);
        keys.push("all");
        keys.forEach(function (key) {
          sums[key] = (sums[key] || 0n) + won;
          seen[key] = true;
        });
      });
      totals.forEach(function (cell) {
        var key = cell.getAttribute("data-total-for");
        var text = seen[key] ? format(sums[key], unit) : "-";
        if (unreadable && key === "all") text += " (읽을 수 없는 금액 제외)";
        cell.textContent = text;
      });
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", recompute);
      input.addEventListener("blur", function () {
        var won = parse(input.value, unit);
        if (typeof won === "bigint") input.value = format(won, unit);
      });
    });

    if (unitSelect) {
      unitSelect.addEventListener("change", function () {
        /* What was typed keeps its worth in won: each figure is rewritten in the new unit
           (exactly: 1,234원 is 1.234 천원), as is last year's column. */
        var next = unitSelect.value;
        inputs.forEach(function (input) {
          var won = parse(input.value, unit);
          if (typeof won !== "bigint") return;
          input.value = format(won, next);
        });
        form.querySelectorAll("td[data-previous]").forEach(function (cell) {
          var value = cell.getAttribute("data-previous");
          cell.textContent = value === "" ? "-" : format(BigInt(value), next);
        });
        form.querySelectorAll("[data-unit-label]").forEach(function (label) {
          label.textContent = next;
        });
        unit = next;
        recompute();
      });
    }
    recompute();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("budget-grid-form");
    if (form) setUp(form);
  });
})();
