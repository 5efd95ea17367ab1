// Slow forms: a form (or one of its submit buttons) marked `data-slow="Analyse en cours…"`
// says it is busy once sent, and cannot be sent twice.
// Progressive enhancement: without this script the form posts as usual. With it, on submit the
// buttons are disabled, the pressed one shows the busy label, a status region (role="status",
// present from page load so screen readers announce it, RGAA 7.5) says what is going on, and a
// second click or Enter sends nothing. Back on the page from the history (bfcache), the form is
// usable again.
(function () {
  "use strict";

  var WAIT = " Merci de patienter : la page s'affichera d'elle-même.";

  function isSlow(form) {
    return form.hasAttribute("data-slow") || form.querySelector("[data-slow]") !== null;
  }

  function submitButtons(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.type === "submit" && (field.tagName === "BUTTON" || field.tagName === "INPUT");
    });
  }

  // The status region of a form, created empty at load: a region filled as it is inserted is
  // not announced by every screen reader.
  function statusOf(form) {
    var status = form.querySelector(".slow-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "slow-status";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    return status;
  }

  function setLabel(button, label) {
    if (button.tagName === "INPUT") { button.value = label; } else { button.textContent = label; }
  }

  function markBusy(form, submitter) {
    var pressed = submitter && submitter !== form ? submitter : submitButtons(form)[0];
    var label = (pressed && pressed.getAttribute("data-slow")) || form.getAttribute("data-slow")
      || "Envoi en cours…";
    form.setAttribute("data-busy", "");
    form.setAttribute("aria-busy", "true");
    // Disabled on the next tick: a button disabled now would drop its name=value from the data
    // being sent (« action=importer »).
    setTimeout(function () {
      submitButtons(form).forEach(function (button) {
        button.setAttribute("data-idle-label", button.tagName === "INPUT" ? button.value : button.textContent);
        button.setAttribute("data-was-disabled", button.disabled ? "true" : "false");
        button.disabled = true;
      });
      if (pressed) {
        setLabel(pressed, label);
        pressed.classList.add("is-busy");
      }
    }, 0);
    statusOf(form).textContent = label + WAIT;
  }

  function markIdle(form) {
    form.removeAttribute("data-busy");
    form.removeAttribute("aria-busy");
    submitButtons(form).forEach(function (button) {
      if (button.hasAttribute("data-idle-label")) {
        setLabel(button, button.getAttribute("data-idle-label"));
        button.disabled = button.getAttribute("data-was-disabled") === "true";
        button.removeAttribute("data-idle-label");
        button.removeAttribute("data-was-disabled");
      }
      button.classList.remove("is-busy");
    });
    statusOf(form).textContent = "";
  }

  // Listening on the document: a form whose own script took the submission over (the
  // assistant's streamed answers) has prevented the default by then, and is left alone.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !isSlow(form)) { return; }
    if (form.hasAttribute("data-busy")) {
      event.preventDefault();
      return;
    }
    markBusy(form, event.submitter);
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.forms, function (form) {
      if (isSlow(form)) { statusOf(form); }
    });
  });

  // Back from the next page, the browser may show this page as it was left: busy.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-busy]"), markIdle);
  });
}());
