// "Bestaat dit al?": while an editor types the name and summary of a new building block,
// show the most similar blocks that already exist, before anyone rebuilds them.
(function () {
  "use strict";
  function init() {
    var target = document.getElementById("bestaat-dit-al");
    var naam = document.getElementById("id_naam");
    var samenvatting = document.getElementById("id_samenvatting");
    if (!target || !naam) { return; }
    var timer = null;
    function refresh() {
      var params = new URLSearchParams({
        naam: naam.value,
        samenvatting: samenvatting ? samenvatting.value : "",
        uitgezonderd: target.dataset.exclude || ""
      });
      fetch(target.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
        .then(function (html) { target.innerHTML = html; })
        .catch(function () { /* keep what is shown */ });
    }
    function later() { clearTimeout(timer); timer = setTimeout(refresh, 500); }
    naam.addEventListener("input", later);
    if (samenvatting) { samenvatting.addEventListener("input", later); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
