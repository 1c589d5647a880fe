// The block form for editors.
(function () {
  "use strict";

  // The licence picker: the field for another SPDX expression is shown only once the
  // editor chooses "Andere SPDX-expressie". Without JavaScript it is simply always shown.
  function licencePicker() {
    var picker = document.getElementById("id_licentie");
    var typed = document.getElementById("id_licentie_anders");
    var row = typed && typed.closest(".form-row");
    if (!picker || !row) { return; }
    function update(focus) {
      var other = picker.value === "andere";
      // An expression typed before (or refused by the form) stays visible, never lost.
      row.hidden = !other && !typed.value;
      if (other && focus) { typed.focus(); }
    }
    picker.addEventListener("change", function () { update(true); });
    update(false);
  }

  // The admin's autocompletes (select2) hide the labelled <select> and show their own
  // combobox without a name: give it the name of the field, for screen readers.
  function nameOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var text = label ? label.textContent : select.getAttribute("aria-label") || "";
    return text.replace(/:\s*$/, "").trim();
  }
  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var name = nameOf(select);
      if (!name || !container || !container.classList.contains("select2")) { return; }
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field')
        .forEach(function (element) {
          if (element.getAttribute("aria-label") === name) { return; }
          element.removeAttribute("aria-labelledby");
          element.setAttribute("aria-label", name);
        });
    });
  }

  function init() {
    licencePicker();
    nameAutocompletes();
    // Select2 starts on jQuery's ready and redraws on choosing; rows are added later.
    new MutationObserver(nameAutocompletes).observe(document.getElementById("content") || document.body, {
      childList: true,
      subtree: true,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
