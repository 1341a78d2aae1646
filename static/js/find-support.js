/*
 * Find support near you: progressive enhancement of a plain POST form.
 *
 * Without JavaScript the form submits to the page itself and the server shows the answer.
 * With it, the same fields (CSRF token included) are POSTed to the page's answer/ route, which
 * renders the same answer partial as the page; the fragment replaces the live region's content in
 * one step, so a screen reader announces the new answer once. The fragment also says whether to
 * ask the municipality, and with which options. No framework, and no wording here: every word
 * comes from the server. The answers (concerns, a date, a postcode) travel only in request bodies:
 * never in an address, the page's own (history) included.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-find-support]");
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData || !("content" in document.createElement("template"))) {
    return;
  }

  var CHILD_FIELDS = /^(child_birth_date|concerns|support)(_|$)/;
  var answerUrl = form.getAttribute("data-answer-url");
  var live = document.querySelector("[data-result]");
  var childFields = form.querySelector("[data-child-fields]");
  var municipalityField = form.querySelector("[data-municipality-field]");
  var municipalitySelect = municipalityField ? municipalityField.querySelector("select") : null;
  var timer = null;
  var controller = null;
  var lastQuery = null; /* the body last sent, to ask once per change */

  function selectedRole() {
    var checked = form.querySelector('input[name="role"]:checked');
    return checked ? checked.value : "";
  }

  function toggleChildFields() {
    if (childFields) {
      childFields.hidden = selectedRole() === "host_family";
    }
  }

  /* The form's own fields, as the browser would send them (a host family leaves out the child). */
  function buildBody() {
    var params = new URLSearchParams();
    var host = selectedRole() === "host_family";
    new FormData(form).forEach(function (value, name) {
      if (value !== "" && !(host && CHILD_FIELDS.test(name))) {
        params.append(name, value);
      }
    });
    return params;
  }

  function hasDate(params) {
    if (params.get("child_birth_date")) {
      return true;
    }
    return Boolean(params.get("child_birth_date_day") && params.get("child_birth_date_month")) &&
      /^[0-9]{4}$/.test(params.get("child_birth_date_year") || "");
  }

  function isComplete(params) {
    if (!params.get("role") || !(params.get("postcode") || params.get("municipality"))) {
      return false;
    }
    return params.get("role") === "host_family" || hasDate(params);
  }

  /* An answer's markup without its CSRF token (masked afresh in every response). */
  function sameAnswer(one, other) {
    function bare(element) {
      var copy = element.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll('input[name="csrfmiddlewaretoken"]'), function (input) {
        input.removeAttribute("value");
      });
      return copy.outerHTML;
    }
    return bare(one) === bare(other);
  }

  function showAnswer(answer) {
    var current = live.firstElementChild;
    if (!answer && !current) {
      return;
    }
    if (answer && current && sameAnswer(answer, current)) {
      return; // the same answer: nothing new to announce
    }
    if (answer) {
      live.replaceChildren(answer);
    } else {
      live.replaceChildren();
    }
    var jump = document.querySelector(".find-support__jump");
    if (jump) {
      jump.hidden = true; // the answer now sits right below the fields
    }
  }

  /* The language switcher's links to this page's translations (named by the page's hreflang
     links) keep the answers given so far: they are POSTed to the translated page (which shows the
     form, filled in, and the answer), never put in the link. */
  function pathOf(href) {
    var anchor = document.createElement("a");
    anchor.href = href;
    return anchor.pathname;
  }
  var translations = Array.prototype.map.call(
    document.querySelectorAll('link[rel="alternate"][hreflang]'),
    function (link) {
      return pathOf(link.href);
    }
  );

  function hasAnswers() {
    var answered = false;
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && value !== "") {
        answered = true;
      }
    });
    return answered;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".language-switcher a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var path = pathOf(link.href);
    if (path === window.location.pathname || translations.indexOf(path) === -1 || !hasAnswers()) {
      return;
    }
    event.preventDefault();
    form.setAttribute("action", path);
    form.submit();
  });

  function optionKey(options) {
    return Array.prototype.map.call(options, function (option) {
      return option.value + "=" + option.textContent;
    }).join("|");
  }

  function syncMunicipality(question) {
    if (!question || !municipalitySelect) {
      return;
    }
    var show = question.hasAttribute("data-show");
    var fresh = question.content.querySelector("select");
    if (show && fresh && optionKey(fresh.options) !== optionKey(municipalitySelect.options)) {
      // Keep the visitor's choice when it is still an option, else what the server selected,
      // else none ("Choose your municipality"): never a municipality nobody chose.
      var wanted = municipalitySelect.value || fresh.value;
      var options = Array.prototype.map.call(fresh.options, function (option) {
        return option.cloneNode(true);
      });
      municipalitySelect.replaceChildren.apply(municipalitySelect, options);
      municipalitySelect.value = wanted;
      if (municipalitySelect.value !== wanted) {
        municipalitySelect.value = "";
      }
    }
    municipalityField.hidden = !show;
    municipalitySelect.disabled = !show;
  }

  function update() {
    var params = buildBody();
    var key = params.toString();
    if (key === lastQuery) {
      return;
    }
    lastQuery = key;
    if (controller) {
      controller.abort();
    }
    if (!isComplete(params)) {
      return;
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(answerUrl, {
      method: "POST",
      body: params, // application/x-www-form-urlencoded, with the form's CSRF token
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.text().then(function (html) {
          return { ok: response.ok, html: html };
        });
      })
      .then(function (reply) {
        var fragment = document.createElement("template");
        fragment.innerHTML = reply.ok ? reply.html : "";
        // Not a complete question yet (e.g. a half-typed postcode): the old answer goes quietly;
        // sending the form shows what to correct.
        showAnswer(fragment.content.querySelector("[data-answer]"));
        syncMunicipality(fragment.content.querySelector("[data-municipality-question]"));
      })
      .catch(function () {
        /* Offline or aborted: the form still works by sending it. */
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 350);
  }

  // The server has already answered the current query (if any): do not ask (and announce) twice.
  lastQuery = buildBody().toString();
  toggleChildFields();
  function onEdit(event) {
    var name = event.target ? event.target.name : "";
    if (name === "role") {
      toggleChildFields();
    }
    if (name === "postcode" && municipalitySelect) {
      // A municipality chosen for the previous postcode no longer applies.
      municipalitySelect.value = "";
    }
    schedule();
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
})();
