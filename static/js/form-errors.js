/*
 * The error summary's links (templates/intake/form/error_summary.html): take the visitor to the
 * question, not just to its input. Without JavaScript the link jumps to the input and forms.css
 * keeps room above it (scroll-margin-top); with it, the whole question (label or legend, help
 * text, error message) is scrolled into view and the input gets focus. No wording here.
 */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (!summary) {
    return;
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^=\"#\"]") : null;
    if (!link) {
      return;
    }
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    var input = id ? document.getElementById(id) : null;
    var question = input ? input.closest(".form-field") : null;
    if (!input || !question) {
      return; // let the browser follow the link
    }
    event.preventDefault();
    question.scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + id);
    }
  });
})();
