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

  function init() {
    // The autocompletes are named by registry-admin.js, on every admin page.
    licencePicker();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
