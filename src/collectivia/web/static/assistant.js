/* Assistant: streamed answers (fetch + NDJSON), stop button, Enter to send, attachment chip,
   copy buttons that keep the AI mention. Without JavaScript every form posts normally and the
   server renders the page; with it, once an answer is complete the thread and the conversation
   list are replaced by the server's rendering of the same page (one HTML, sanitised there). */
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

  function armCopyButtons(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".copy-button"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyWithLabel(button); });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* The server's rendering of the conversation replaces the streamed text: Markdown made
     safe server-side, edit / regenerate / export controls, and the updated conversation list. */
  function showServerRendering(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        ["fil", "bloc-conversations", "entete-conversation"].forEach(function (id) {
          var mine = document.getElementById(id);
          var theirs = fresh.getElementById(id);
          if (mine && theirs) { mine.innerHTML = theirs.innerHTML; }
        });
        document.title = fresh.title;
        armCopyButtons(document.getElementById("fil"));
        armTurnForms(document.getElementById("fil"));
      });
  }

  var running = null;   // the AbortController of the answer being written

  function streamAnswer(form, event) {
    var main = document.getElementById("formulaire-assistant");
    var thread = document.getElementById("fil");
    var status = document.getElementById("etat");
    var errorBox = document.getElementById("erreur-flux");
    var sendButton = document.getElementById("envoyer");
    var stopButton = document.getElementById("arreter");
    var textarea = form.querySelector("textarea[name=message]");
    var fileInput = form.querySelector("input[type=file]");
    var data = new FormData(form);
    event.preventDefault();
    if (running) { return; }
    running = new AbortController();
    errorBox.hidden = true;
    sendButton.disabled = true;
    stopButton.hidden = false;
    status.textContent = "Réponse en cours de rédaction…";

    var cut = form.dataset.cut ? document.getElementById(form.dataset.cut) : null;
    var removed = [];
    var asked = element("article", "message message-user");
    asked.appendChild(element("p", "message-meta", "Vous"));
    if (fileInput && fileInput.files.length) {
      var chips = element("p", "chips");
      chips.appendChild(element("span", "chip", "Pièce jointe : " + fileInput.files[0].name));
      asked.appendChild(chips);
    }
    asked.appendChild(element("div", "message-text", textarea ? textarea.value :
      (cut ? cut.querySelector(".message-text").textContent : "")));
    var answer = element("article", "message message-ai");
    var body = element("div", "message-text");
    answer.appendChild(body);

    function settle() {
      running = null;
      sendButton.disabled = false;
      stopButton.hidden = true;
    }

    function fail(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
      [answer, asked].forEach(function (node) {
        if (node.parentNode) { node.parentNode.removeChild(node); }
      });
      removed.forEach(function (node) { thread.appendChild(node); });
      status.textContent = "";
      settle();
    }

    function begin(message) {
      // an edited or regenerated question replaces itself and what follows it
      for (var node = cut; node; node = node.nextElementSibling) { removed.push(node); }
      removed.forEach(function (node) { thread.removeChild(node); });
      thread.appendChild(asked);
      if (message.note) { asked.appendChild(element("p", "hint", message.note)); }
      thread.appendChild(answer);
      answer.dataset.label = message.etiquette;
    }

    function finish(message) {
      // the AI mention shows at once, even if the server's rendering cannot be fetched
      answer.appendChild(element("p", "ai-label", answer.dataset.label));
      if (main && !main.querySelector("input[name=conversation]")) {
        var hidden = element("input");
        hidden.type = "hidden";
        hidden.name = "conversation";
        hidden.value = message.conversation;
        main.appendChild(hidden);
        var options = main.querySelector(".assistant-options");
        if (options) { options.hidden = true; }
      }
      history.replaceState(null, "", message.url);
      if (main) {
        main.querySelector("textarea[name=message]").value = "";
        main.querySelector("input[type=file]").value = "";
        showChip(main.querySelector("input[type=file]"));
      }
      settle();
      status.textContent = "Réponse terminée. Relisez-la avant de l'utiliser.";
      showServerRendering(message.url).catch(function () { /* the streamed text stays */ });
      if (main) { main.querySelector("textarea[name=message]").focus(); }
    }

    function handle(message) {
      if (message.type === "debut") {
        begin(message);
      } else if (message.type === "texte") {
        body.textContent += message.texte;
      } else if (message.type === "fin") {
        finish(message);
      } else if (message.type === "erreur") {
        fail(message.message);
      }
    }

    fetch(form.dataset.stream, { method: "POST", body: data, credentials: "same-origin",
                                 headers: { "Accept": "application/x-ndjson" },
                                 signal: running.signal })
      .then(function (response) {
        if (!response.body) { throw new Error("no stream"); }
        var reader = response.body.getReader();
        var decoder = new TextDecoder("utf-8");
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              if (buffer.trim()) { handle(JSON.parse(buffer)); }
              if (running) { fail("La réponse a été interrompue. Relancez la demande."); }
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
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          // a stopped edit or regeneration, or a question stopped before the server began to
          // answer, changes nothing: say so where it shows
          if (removed.length || !answer.isConnected) {
            fail("Réponse arrêtée à votre demande : la conversation est inchangée.");
          } else {                    // a new question: its partial answer stays readable
            answer.appendChild(element("p", "hint",
              "Réponse arrêtée à votre demande : elle n'est pas enregistrée dans la conversation."));
            settle();
          }
          status.textContent = "Réponse arrêtée.";
          if (textarea) { textarea.focus(); }
          return;
        }
        fail("La connexion au serveur a été perdue. Relancez la demande.");
      });
  }

  function showChip(input) {
    var box = document.getElementById("piece-choisie");
    if (!box || !input) { return; }
    box.textContent = "";
    box.hidden = !input.files.length;
    if (!input.files.length) { return; }
    var name = input.files[0].name;
    box.appendChild(element("span", "chip", "Pièce jointe : " + name));
    var remove = element("button", "button-link", "Retirer");
    remove.type = "button";
    remove.setAttribute("aria-label", "Retirer la pièce jointe " + name);
    remove.addEventListener("click", function () {
      input.value = "";
      showChip(input);
      input.focus();
    });
    box.appendChild(remove);
  }

  /* Enter sends, Shift+Enter breaks the line (not while an input method composes a word). */
  function sendOnEnter(textarea, form) {
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing &&
          !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        if (!running) { form.requestSubmit(); }
      }
    });
  }

  function armTurnForms(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".keyboard-hint"), function (hint) {
      hint.hidden = false;
    });
    Array.prototype.forEach.call(root.querySelectorAll(".assistant-turn-form"), function (form) {
      form.addEventListener("submit", function (event) { streamAnswer(form, event); });
      var textarea = form.querySelector("textarea[name=message]");
      if (textarea) { sendOnEnter(textarea, form); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    armCopyButtons(document);
    var form = document.getElementById("formulaire-assistant");
    if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream ||
        !window.AbortController) {
      return;
    }
    form.addEventListener("submit", function (event) { streamAnswer(form, event); });
    sendOnEnter(form.querySelector("textarea[name=message]"), form);
    var fileInput = form.querySelector("input[type=file]");
    fileInput.addEventListener("change", function () { showChip(fileInput); });
    document.getElementById("arreter").addEventListener("click", function () {
      if (running) { running.abort(); }
    });
    armTurnForms(form);     // the main form holds no turn form: this shows its keyboard hint
    armTurnForms(document.getElementById("fil"));
  });
}());
