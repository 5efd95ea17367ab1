// A candidature's page: a quote's « Voir la ligne N du CV » link shows that line beside it.
// Progressive enhancement: without this script the link is a plain in-page link (the browser
// scrolls the page and the CV's panel to the line). With it, where the CV scrolls in its own
// panel (a desktop), only the panel scrolls: the quote stays in view, next to its line. The
// line takes the focus without moving the page, so a screen reader reads it and Tab goes on
// from there, as after an in-page link.
(function () {
  "use strict";
  var panel = document.querySelector(".cv-scroll");
  if (!panel) { return; }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cv-line-link");
    if (!link || getComputedStyle(panel).overflowY !== "auto") { return; }
    var line = document.getElementById(link.getAttribute("href").slice(1));
    if (!line || !panel.contains(line)) { return; }
    event.preventDefault();
    // the line near the top of the panel's visible part (the page may hide the panel's top)
    var visibleTop = Math.max(panel.getBoundingClientRect().top, 0);
    panel.scrollTop += line.getBoundingClientRect().top - visibleTop - 16;
    line.scrollIntoView({ block: "nearest" });  // moves the page only if the line is still hidden
    var shown = panel.querySelector(".is-shown");
    if (shown) { shown.classList.remove("is-shown"); }
    line.classList.add("is-shown");
    line.focus({ preventScroll: true });
  });
})();
