// Progress page of a long job (CV batch, staff import): follows the job without reloading.
// Progressive enhancement: without this script the page refreshes itself (meta refresh in
// <noscript>, which the page lets the user stop). With it, the page asks /taches/<id>/etat every
// few seconds, while the tab is visible only, and updates the bar in place; the status region
// (role="status", polite) changes only when the state or the step changes, so a screen reader is
// not interrupted by every tick. When the job ends, the page reloads once to show its result;
// when it can no longer be followed (404), it reloads once to show why, and polling stops.
(function () {
  "use strict";
  var box = document.getElementById("suivi");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("suivi-barre");
  var status = document.getElementById("suivi-etat");
  var every = (parseInt(box.getAttribute("data-refresh"), 10) || 3) * 1000;
  var url = box.getAttribute("data-etat");
  Array.prototype.forEach.call(box.querySelectorAll(".no-js-only"), function (node) {
    node.hidden = true;
  });
  if (box.getAttribute("data-auto") !== "oui") { return; }

  function show(state) {
    if (state.termine) { window.location.reload(); return; }
    if (bar) {
      bar.max = state.total || 1;
      bar.value = state.fait;
      bar.textContent = state.fait + " sur " + state.total;
    }
    var text = state.statut === "en_cours"
      ? state.fait + " / " + state.total + (state.etape ? " — " + state.etape : "")
      : (state.etape || "le traitement commencera dans un instant.");
    if (status && status.getAttribute("data-texte") !== state.libelle + text) {
      status.setAttribute("data-texte", state.libelle + text);
      status.innerHTML = "";
      var strong = document.createElement("strong");
      strong.textContent = state.libelle;
      status.appendChild(strong);
      status.appendChild(document.createTextNode(" : " + text));
    }
  }

  function tick() {
    if (document.hidden) { window.setTimeout(tick, every); return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        // 404: the job was forgotten or may no longer be followed; the reloaded page says why
        if (response.status === 404) { window.location.reload(); return undefined; }
        return response.ok ? response.json() : null;
      })
      .then(function (state) {
        if (state === undefined) { return; }
        if (state) { show(state); }
        if (!state || !state.termine) { window.setTimeout(tick, every); }
      })
      .catch(function () { window.setTimeout(tick, every * 2); });
  }
  window.setTimeout(tick, every);
})();
