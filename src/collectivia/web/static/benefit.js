// "Temps gagné": send the one-click form without leaving the answer; the form alone works without it.
(function () {
  if (window.collectiviaBenefit) { return; }
  window.collectiviaBenefit = true;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("benefit-form")) { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) {
      body.set(event.submitter.name, event.submitter.value);
    }
    var status = form.querySelector(".benefit-status");
    fetch(form.action, {method: "POST", body: body, credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        status.textContent = data.message;
        if (event.submitter) {
          form.querySelectorAll("button[name='" + event.submitter.name + "']").forEach(function (b) {
            b.setAttribute("aria-pressed", b === event.submitter ? "true" : "false");
          });
        }
      })
      .catch(function () { status.textContent = "L'envoi a échoué ; réessayez."; });
  });
})();
