/*
 * Bouwstenenregister: small improvements on top of pages that work without JavaScript.
 * No inline scripts (the Content-Security-Policy allows only files from this site).
 * SPDX-License-Identifier: EUPL-1.2
 *
 * - On the search page: a button that copies the link to the current search (every
 *   filter, sort and page is already in the address, so the link is the whole state).
 * - On a narrow screen the filter panel starts folded, so the results come first into
 *   view; without JavaScript it simply stays open.
 * - Filters and the sort order apply as soon as they change (the page says so first, and
 *   the button stays for keyboard users and without JavaScript).
 * - A form marked data-zonder-lege-velden leaves empty fields out of the address, so a
 *   shared link says only what was chosen (/bouwstenen?thema=wonen, not ?q=&thema=wonen).
 */
(function () {
  "use strict";

  function copyLink() {
    var holder = document.querySelector("[data-kopieer-link]");
    if (!holder || !navigator.clipboard) {
      return;
    }
    var button = holder.querySelector("[data-kopieer-link-knop]");
    var status = holder.querySelector("[data-kopieer-link-status]");
    holder.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href).then(
        function () {
          status.textContent = document.documentElement.lang === "en" ? "Link copied." : "Link gekopieerd.";
        },
        function () {
          status.textContent = document.documentElement.lang === "en" ? "Copying did not work; copy the address bar." : "Kopiëren lukte niet; kopieer de adresbalk.";
        }
      );
    });
  }

  function foldFiltersOnPhones() {
    var filters = document.querySelector("[data-filters]");
    if (filters && window.matchMedia("(max-width: 60rem)").matches) {
      filters.open = false;
    }
  }

  function leaveOutEmptyFields() {
    document.querySelectorAll("form[data-zonder-lege-velden]").forEach(function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (field) {
          var unchecked = (field.type === "checkbox" || field.type === "radio") && !field.checked;
          var isDefault = field.dataset && field.dataset.standaard === field.value;
          if (field.name && !unchecked && (field.value === "" || isDefault)) {
            field.disabled = true; // a disabled field is not sent
          }
        });
      });
    });
  }

  function applyFiltersAtOnce() {
    var form = document.getElementById("zoekformulier");
    if (!form || !form.requestSubmit) {
      return;
    }
    var note = document.querySelector("[data-direct-toepassen]");
    if (note) {
      note.hidden = false;
    }
    form.addEventListener("change", function (event) {
      var field = event.target;
      if (field.form !== form || field.type === "search" || field.type === "text") {
        return; // typing a search is sent with Enter or the button, not per letter
      }
      form.requestSubmit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLink();
    foldFiltersOnPhones();
    leaveOutEmptyFields();
    applyFiltersAtOnce();
  });
})();
