/*
 * The phone menu: progressive enhancement of the site header.
 *
 * Without JavaScript the menu (search and every menu item) is simply shown, on every screen. With
 * it, the "Menu" button in templates/base.html appears and opens and closes the menu on narrow
 * screens; on wide screens the CSS hides the button and always shows the menu inline.
 * Escape closes the open menu and puts focus back on the button.
 */
(function () {
  "use strict";

  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("site-header--menu-open", open);
  }

  header.classList.add("site-header--js");
  button.hidden = false;
  setOpen(false);

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });

  header.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") {
      return;
    }
    if (menu.contains(document.activeElement) || document.activeElement === button) {
      setOpen(false);
      button.focus();
    }
  });
})();
