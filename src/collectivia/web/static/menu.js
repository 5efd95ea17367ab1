// Menu button of the main navigation on narrow screens.
// Progressive enhancement: without this script the navigation stays visible as a strip that
// scrolls sideways (style.css), so nothing is out of reach; with it, the navigation folds
// behind a real <button> whose aria-expanded tells screen readers whether it is open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  if (!button) { return; }
  var nav = document.getElementById(button.getAttribute("aria-controls"));
  if (!nav) { return; }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  document.documentElement.classList.add("has-menu-toggle");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives focus back to its button, as users of menus expect.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
