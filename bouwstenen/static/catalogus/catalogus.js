/*
 * Bouwstenenregister: small improvements on top of pages that work without JavaScript.
 * No inline scripts (the Content-Security-Policy allows only files from this site).
 * SPDX-License-Identifier: EUPL-1.2
 *
 * - On the search page: a button that copies the link to the current search (every
 *   filter, sort and page is already in the address, so the link is the whole state).
 * - On a narrow screen the filter panel starts folded, so the results come first into
 *   view; without JavaScript it simply stays open.
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

  document.addEventListener("DOMContentLoaded", function () {
    copyLink();
    foldFiltersOnPhones();
  });
})();
