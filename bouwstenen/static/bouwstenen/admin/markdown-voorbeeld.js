// Live preview of the Markdown description, rendered and sanitised by the server
// (the same renderer the public pages use), so the editor sees what visitors will see.
(function () {
  "use strict";
  function init() {
    var source = document.getElementById("id_beschrijving");
    var target = document.querySelector(".markdown-voorbeeld[data-preview-url]");
    var tokenField = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!source || !target || !tokenField) { return; }
    var timer = null;
    function refresh() {
      var body = new FormData();
      body.append("beschrijving", source.value);
      fetch(target.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": tokenField.value },
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      }).then(function (html) {
        target.innerHTML = html;
      }).catch(function () { /* keep the last preview */ });
    }
    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
