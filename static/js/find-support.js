/*
 * Find support near you: progressive enhancement of a plain GET form.
 *
 * Without JavaScript the form submits to the page itself and the server shows the answer.
 * With it, the answer follows the fields live (from /api/routing/) and is announced through the
 * aria-live region; the municipality question appears only when it is needed. No framework;
 * every value from the API is written with textContent, never as HTML.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-find-support]");
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }

  var FIELDS = ["postcode", "municipality", "role", "child_birth_date", "support"];
  var apiUrl = form.getAttribute("data-api-url");
  var lang = form.getAttribute("data-lang") || document.documentElement.lang || "nl";
  var live = document.querySelector("[data-result]");
  var childFields = form.querySelector("[data-child-fields]");
  var municipalityField = form.querySelector("[data-municipality-field]");
  var municipalitySelect = municipalityField ? municipalityField.querySelector("select") : null;
  var strings = readJson("fs-strings") || {};
  var allMunicipalities = readJson("fs-municipalities") || [];
  var timer = null;
  var controller = null;
  var lastQuery = null;

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) {
      return null;
    }
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      return null;
    }
  }

  function text(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (match, key) {
      return values[key] !== undefined ? values[key] : match;
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") {
        return;
      }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function selectedRole() {
    var checked = form.querySelector('input[name="role"]:checked');
    return checked ? checked.value : "";
  }

  function toggleChildFields() {
    if (childFields) {
      childFields.hidden = selectedRole() === "host_family";
    }
  }

  function buildQuery() {
    var data = new FormData(form);
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = data.get(name);
      if (value) {
        params.set(name, value);
      }
    });
    var concerns = data.getAll("concerns");
    if (concerns.length) {
      params.set("concerns", concerns.join(","));
    }
    if (params.get("role") === "host_family") {
      params.delete("child_birth_date");
      params.delete("concerns");
      params.delete("support");
    }
    return params;
  }

  function isComplete(params) {
    if (!params.get("role") || !(params.get("postcode") || params.get("municipality"))) {
      return false;
    }
    return params.get("role") === "host_family" || Boolean(params.get("child_birth_date"));
  }

  function telHref(phone) {
    return "tel:" + String(phone).replace(/[^0-9+]/g, "");
  }

  function contactLink(kind, value) {
    return el("a", { href: kind === "tel" ? telHref(value) : "mailto:" + value }, [value]);
  }

  function renderResult(result) {
    var nodes = [];
    nodes.push(el("h3", { class: "find-support__headline" }, [result.headline]));
    nodes.push(el("p", {}, [result.explanation]));
    if (result.region) {
      nodes.push(el("h4", {}, [strings.contact]));
      var items = [];
      if (result.region.contact_name) {
        items.push(el("li", {}, [result.region.contact_name]));
      }
      if (result.region.contact_email) {
        items.push(el("li", {}, [contactLink("mail", result.region.contact_email)]));
      }
      if (result.region.contact_phone) {
        items.push(el("li", {}, [contactLink("tel", result.region.contact_phone)]));
      }
      nodes.push(el("ul", { class: "find-support__contact" }, items));
    }
    if (result.program_url) {
      nodes.push(
        el("p", {}, [el("a", { href: result.program_url }, [text(strings.readMore, { name: result.program_name })])])
      );
    }
    if (result.signup_url) {
      var role = selectedRole();
      var label = role === "host_family" ? strings.signupHost : role === "referrer" ? strings.signupReferrer : strings.signup;
      nodes.push(el("p", {}, [el("a", { class: "button button--primary", href: result.signup_url }, [label])]));
    }
    if (result.alternatives && result.alternatives.length) {
      nodes.push(el("h4", {}, [strings.alsoWorth]));
      var list = result.alternatives.map(function (alt) {
        var parts = [alt.url ? el("a", { href: alt.url }, [alt.name]) : alt.name];
        if (alt.region) {
          parts.push(" – " + alt.region.name);
          if (alt.region.contact_email) {
            parts.push(", ", contactLink("mail", alt.region.contact_email));
          }
          if (alt.region.contact_phone) {
            parts.push(", ", contactLink("tel", alt.region.contact_phone));
          }
        } else if (alt.reason === "not_local") {
          parts.push(" – " + strings.notLocal);
        }
        return el("li", {}, parts);
      });
      nodes.push(el("ul", { class: "find-support__alternatives" }, list));
    }
    replaceResult(nodes);
  }

  function replaceResult(nodes) {
    while (live.firstChild) {
      live.removeChild(live.firstChild);
    }
    nodes.forEach(function (node) {
      live.appendChild(node);
    });
    var jump = document.querySelector(".find-support__jump");
    if (jump) {
      jump.hidden = true; // the answer now sits right below the fields
    }
  }

  function fillMunicipalities(options, selected) {
    while (municipalitySelect.firstChild) {
      municipalitySelect.removeChild(municipalitySelect.firstChild);
    }
    municipalitySelect.appendChild(el("option", { value: "" }, [strings.chooseMunicipality]));
    options.forEach(function (m) {
      var option = el("option", { value: m.code }, [m.name]);
      if (m.code === selected) {
        option.selected = true;
      }
      municipalitySelect.appendChild(option);
    });
  }

  function showMunicipality(show) {
    municipalityField.hidden = !show;
    municipalitySelect.disabled = !show;
  }

  function syncMunicipality(result, params) {
    if (!municipalityField || !municipalitySelect) {
      return;
    }
    var candidates = result.municipality_candidates || [];
    var current = municipalitySelect.value;
    if (candidates.length > 1) {
      fillMunicipalities(candidates, result.municipality ? result.municipality.code : current);
      showMunicipality(true);
    } else if (params.get("postcode") && !result.municipality && !params.get("municipality")) {
      fillMunicipalities(allMunicipalities, current);
      showMunicipality(true);
    } else if (params.get("postcode") && result.municipality && !params.get("municipality")) {
      showMunicipality(false);
    }
  }

  function update() {
    var params = buildQuery();
    var key = params.toString();
    if (key === lastQuery) {
      return;
    }
    lastQuery = key;
    if (controller) {
      controller.abort();
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", key ? "?" + key : window.location.pathname);
    }
    if (!isComplete(params)) {
      return;
    }
    controller = window.AbortController ? new AbortController() : null;
    var request = new URLSearchParams(params);
    request.set("lang", lang);
    fetch(apiUrl + "?" + request.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        if (answer.ok) {
          renderResult(answer.body);
          syncMunicipality(answer.body, params);
        } else {
          // Not a complete question yet (e.g. a half-typed postcode): drop the old answer
          // quietly; sending the form shows what to correct.
          replaceResult([]);
        }
      })
      .catch(function () {
        /* Offline or aborted: the form still works by sending it. */
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 350);
  }

  // After a submit with mistakes, start at the list of them (it links to each field).
  var summary = document.getElementById("fs-error-summary");
  if (summary) {
    summary.focus();
  }

  // The server has already answered the current query (if any): do not ask (and announce) twice.
  lastQuery = buildQuery().toString();
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
