/* Assistant: streamed answers (fetch + NDJSON) and copy buttons that keep the AI mention.
   Without JavaScript the form posts normally and the page shows the full answer. */
(function () {
  "use strict";

  function copyWithLabel(button) {
    var text = document.getElementById(button.dataset.copy).textContent;
    var label = document.getElementById(button.dataset.label).textContent;
    var full = text.replace(/\s+$/, "") + "\n\n— " + label;
    var done = function () {
      var before = button.textContent;
      button.textContent = "Copié (avec la mention IA)";
      setTimeout(function () { button.textContent = before; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(full).then(done, function () { fallbackCopy(full, done); });
    } else {
      fallbackCopy(full, done);
    }
  }

  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } finally { document.body.removeChild(area); }
  }

  function armCopyButton(button) {
    button.hidden = false;
    button.addEventListener("click", function () { copyWithLabel(button); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  var counter = 0;

  function streamAnswer(form, event) {
    var thread = document.getElementById("fil");
    var status = document.getElementById("etat");
    var errorBox = document.getElementById("erreur-flux");
    var button = document.getElementById("envoyer");
    var textarea = form.querySelector("textarea[name=message]");
    var fileInput = form.querySelector("input[type=file]");
    var data = new FormData(form);
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    status.textContent = "Réponse en cours de rédaction…";

    counter += 1;
    var asked = element("article", "message message-user");
    asked.appendChild(element("p", "message-meta", "Vous"));
    asked.appendChild(element("div", "message-text", textarea.value ||
      (fileInput && fileInput.files.length ? "(pièce jointe : " + fileInput.files[0].name + ")" : "")));
    var answer = element("article", "message message-ai");
    var body = element("div", "message-text");
    body.id = "flux-texte-" + counter;
    answer.appendChild(body);

    function fail(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
      if (answer.parentNode) { answer.parentNode.removeChild(answer); }
      if (asked.parentNode) { asked.parentNode.removeChild(asked); }
      status.textContent = "";
      button.disabled = false;
    }

    function handle(message) {
      if (message.type === "debut") {
        thread.appendChild(asked);
        if (message.note) { asked.appendChild(element("p", "hint", message.note)); }
        thread.appendChild(answer);
        answer.dataset.label = message.etiquette;
      } else if (message.type === "texte") {
        body.textContent += message.texte;
      } else if (message.type === "fin") {
        var label = element("p", "ai-label", answer.dataset.label);
        label.id = "flux-mention-" + counter;
        answer.appendChild(label);
        var copy = element("button", "button-secondary copy-button", "Copier le texte avec sa mention IA");
        copy.type = "button";
        copy.dataset.copy = body.id;
        copy.dataset.label = label.id;
        answer.appendChild(copy);
        armCopyButton(copy);
        if (!form.querySelector("input[name=conversation]")) {
          var hidden = element("input");
          hidden.type = "hidden";
          hidden.name = "conversation";
          hidden.value = message.conversation;
          form.appendChild(hidden);
          var options = form.querySelector(".assistant-options");
          if (options) { options.hidden = true; }
          history.replaceState(null, "", message.url);
        }
        textarea.value = "";
        if (fileInput) { fileInput.value = ""; }
        status.textContent = "Réponse terminée. Relisez-la avant de l'utiliser.";
        button.disabled = false;
        textarea.focus();
      } else if (message.type === "erreur") {
        fail(message.message);
      }
    }

    fetch(form.dataset.stream, { method: "POST", body: data, credentials: "same-origin",
                                 headers: { "Accept": "application/x-ndjson" } })
      .then(function (response) {
        if (!response.body) { throw new Error("no stream"); }
        var reader = response.body.getReader();
        var decoder = new TextDecoder("utf-8");
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              if (buffer.trim()) { handle(JSON.parse(buffer)); }
              if (button.disabled) { fail("La réponse a été interrompue. Relancez la demande."); }
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var lines = buffer.split("\n");
            buffer = lines.pop();
            lines.forEach(function (line) { if (line.trim()) { handle(JSON.parse(line)); } });
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { fail("La connexion au serveur a été perdue. Relancez la demande."); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".copy-button"), armCopyButton);
    var form = document.getElementById("formulaire-assistant");
    if (form && window.fetch && window.TextDecoder && window.ReadableStream) {
      form.addEventListener("submit", function (event) { streamAnswer(form, event); });
    }
  });
}());
