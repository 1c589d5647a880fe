/*
 * Bouwstenenregister admin: accessible names for the fields Django's admin leaves
 * unnamed (WCAG 1.3.1, 4.1.2). A tabular inline shows its labels only as column
 * headings, so a screen reader announces its fields without a name; the autocomplete
 * widgets (select2) name their combobox after an element that is empty until a value is
 * chosen. Each such field gets an aria-label from its column heading or its <label>.
 * select2's list of chosen values also holds its clear button (a span) directly, which
 * makes it no valid <ul>: it is marked as a list explicitly.
 * select2 rebuilds its parts as the user picks values and inline rows are added, so the
 * names are given again whenever the page changes.
 * SPDX-License-Identifier: EUPL-1.2
 */
(function () {
  "use strict";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").trim().replace(/:$/, "");
  }

  // The heading of a tabular inline's column: its own text, without the help icon.
  function columnHeading(cell) {
    var table = cell.closest("table");
    var name = Array.prototype.find.call(cell.classList, function (c) {
      return c.indexOf("field-") === 0;
    });
    if (!table || !name) {
      return "";
    }
    var heading = table.querySelector("thead th.column-" + name.slice("field-".length));
    return heading && heading.firstChild ? clean(heading.firstChild.textContent) : "";
  }

  function nameTabularFields() {
    document.querySelectorAll(".inline-group .tabular tr.form-row").forEach(function (row, index) {
      var number = index + 1;
      row.querySelectorAll("td[class*='field-']").forEach(function (cell) {
        var heading = columnHeading(cell);
        if (!heading) {
          return;
        }
        // On a phone the rows stack and the headings row is hidden: the stylesheet
        // shows this above each field instead.
        cell.setAttribute("data-label", heading);
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          if (!field.labels || field.labels.length === 0) {
            field.setAttribute("aria-label", heading + ", rij " + number);
          }
        });
      });
      row.querySelectorAll("td.delete input[type=checkbox]").forEach(function (box) {
        box.setAttribute("aria-label", "Verwijderen, rij " + number);
      });
    });
  }

  // A changelist's cells, for the same reason: on a phone each result is a card with
  // its values under their column's name.
  function labelResultCells() {
    var table = document.getElementById("result_list");
    if (!table || !table.tHead) {
      return;
    }
    table.querySelectorAll("tbody td[class*='field-']").forEach(function (cell) {
      var name = Array.prototype.find.call(cell.classList, function (c) {
        return c.indexOf("field-") === 0;
      });
      var heading = table.tHead.querySelector("th.column-" + name.slice("field-".length) + " .text");
      if (heading && !cell.hasAttribute("data-label")) {
        cell.setAttribute("data-label", clean(heading.textContent));
      }
    });
  }

  function fieldName(select) {
    var label = select.id && document.querySelector("label[for='" + CSS.escape(select.id) + "']");
    return label ? clean(label.textContent) : select.getAttribute("aria-label") || "";
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var name = fieldName(select);
      if (!name || !container || !container.classList.contains("select2")) {
        return;
      }
      container.querySelectorAll("[role=combobox], [role=textbox], .select2-search__field").forEach(function (part) {
        if (part.getAttribute("aria-label") !== name) {
          part.setAttribute("aria-label", name);
        }
      });
      container.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach(function (list) {
        list.setAttribute("role", "list");
      });
    });
  }

  var pending = false;
  function nameAll() {
    pending = false;
    nameTabularFields();
    nameAutocompletes();
    labelResultCells();
  }

  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(nameAll);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
})();
