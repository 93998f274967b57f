/* ankommen — answering without the network, on the offline page of a kiosk tablet.
   The page holds every screen's form (the online pages' markup); this script shows one
   screen at a time, decides relevance and choice filters with expressions.js on the
   trees the server sent, checks what it can, and at the end puts the response into the
   queue (offline.js), which sends it when the server can be reached.  The server
   replays the screens through the online pages' checks before it stores anything. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("offline-data").textContent);
  var queue = window.AnkommenQueue;
  var X = window.AnkommenExpressions;
  var DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";
  var sections = document.querySelectorAll(".offline-part");
  var screens = {};
  data.screens.forEach(function (item) { screens[item[0]] = item[1]; });
  var numbers = data.screens.map(function (item) { return item[0]; });

  var state = queue.readState();
  if (state && state.q === data.questionnaire && state.lang !== data.language && data.documents[state.lang]) {
    window.location.replace(data.documents[state.lang]);
    return;
  }
  window.history.replaceState(null, "", data.documents[data.language]);

  function section(number) { return document.querySelector('.offline-screen[data-screen="' + number + '"]'); }

  function show(element) {
    sections.forEach(function (part) { part.hidden = part !== element; });
    window.scrollTo(0, 0);
    var heading = element.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  /* --- answers in stored form, as the server's form fields make them --------------- */

  function latin(text) {
    return text.replace(/[٠-٩۰-۹]/g, function (d) { return String(DIGITS.indexOf(d) % 10); });
  }

  function parseNumber(text, whole) {
    var cleaned = latin(text.trim()).replace(/ /g, "");
    if (!cleaned) return undefined;
    var pattern = whole ? /^[+-]?\d{1,9}$/ : /^[+-]?\d{1,12}([.,]\d{1,6})?$/;
    return pattern.test(cleaned) ? parseFloat(cleaned.replace(",", ".")) : NaN;
  }

  function isoDate(text) {
    var cleaned = latin(text.trim());
    if (!cleaned) return undefined;
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cleaned) || /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(cleaned);
    if (!match) return null;
    var parts = match[1].length === 4 ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
    var day = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]));
    return day.getUTCDate() === +parts[2] && day.getUTCMonth() === +parts[1] - 1 ? parts.join("-") : null;
  }

  function valuesOf(fields, name) {
    return fields.filter(function (f) { return f[0] === name; }).map(function (f) { return f[1]; });
  }

  /* One screen's fields → {question id: stored value}; a bad entry is NaN/null. */
  function screenAnswers(number, fields) {
    var result = {};
    screens[number].forEach(function (id) {
      var question = data.questions[id];
      var kind = question.type;
      var first = valuesOf(fields, id)[0];
      var value;
      if (kind === "note") return;
      if (kind === "multiple_choice") {
        value = valuesOf(fields, id);
      } else if (kind === "matrix" || kind === "dot_vote") {
        value = {};
        fields.forEach(function (f) {
          if (f[0].indexOf(id + ".") !== 0 || f[1] === "") return;
          var key = f[0].slice(id.length + 1);
          if (kind === "matrix") value[key] = f[1];
          else { var points = parseNumber(f[1], true); if (points !== 0) value[key] = points; }
        });
        if (!Object.keys(value).length) value = undefined;
      } else if (kind === "rating") {
        value = first ? parseInt(first, 10) : undefined;
      } else if (kind === "integer" || kind === "decimal") {
        value = first === undefined ? undefined : parseNumber(first, kind === "integer");
      } else if (kind === "date") {
        value = first === undefined ? undefined : isoDate(first);
      } else if (kind === "text" || kind === "long_text") {
        value = first === undefined ? "" : first.replace(/\r\n/g, "\n").trim();
        if (!value) value = undefined;
      } else {
        value = first || undefined;
      }
      if (value !== undefined) result[id] = value;
    });
    return result;
  }

  function allAnswers() {
    var answers = {};
    numbers.forEach(function (n) {
      if (state.screens[n]) {
        screens[n].forEach(function (id) { delete answers[id]; });
        Object.assign(answers, screenAnswers(n, state.screens[n]));
      }
    });
    return answers;
  }

  function shownScreens(shown) {
    return numbers.filter(function (n) { return screens[n].some(function (id) { return shown[id]; }); });
  }

  /* --- one screen ------------------------------------------------------------------ */

  function setEnabled(element, enabled) {
    element.hidden = !enabled;
    element.querySelectorAll("input, textarea").forEach(function (input) { input.disabled = !enabled; });
  }

  function prepare(number, answers, shown) {
    var part = section(number);
    var fields = state.screens[number] || [];
    screens[number].forEach(function (id) {
      var question = data.questions[id];
      var wrapper = document.getElementById("question-" + id);
      setEnabled(wrapper, !!shown[id]);
      if (!shown[id]) return;
      var options = question.type === "matrix" ? question.rows : question.choices;
      if (question.filter) {
        options.forEach(function (option) {
          var visible = X.isTrue(question.filter, answers, null, { value: option[0], attributes: option[1] });
          var name = question.type === "matrix" || question.type === "dot_vote" ? id + "." + option[0] : id;
          wrapper.querySelectorAll("input").forEach(function (input) {
            var match = input.name === name && (name !== id || input.value === option[0]);
            if (match) setEnabled(input.closest(".matrix-row, .dot-row, label"), visible);
          });
        });
      }
    });
    part.querySelectorAll("input, textarea").forEach(function (input) {
      var given = valuesOf(fields, input.name);
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = state.screens[number] ? given.indexOf(input.value) >= 0 : input.checked;
      } else if (state.screens[number]) {
        input.value = given.length ? given[0] : "";
      }
    });
    var shownList = shownScreens(shown);
    var progress = part.querySelector(".progress");
    progress.textContent = progress.getAttribute("data-template")
      .replace("9991", String(shownList.indexOf(number) + 1)).replace("9992", String(shownList.length));
    clearErrors(part);
    show(part);
    state.current = number;
    queue.writeState(state);
  }

  function go(number) {
    var answers = allAnswers();
    var shown = X.relevance(data, answers);
    prepare(number, answers, shown);
  }

  function nextAfter(number) {
    var shown = X.relevance(data, allAnswers());
    return shownScreens(shown).filter(function (n) { return n > number; })[0];
  }

  function previousBefore(number) {
    var shown = X.relevance(data, allAnswers());
    return shownScreens(shown).filter(function (n) { return n < number && state.screens[n]; }).pop();
  }

  /* --- what can be checked here (the server checks everything again) --------------- */

  function clearErrors(part) {
    part.querySelectorAll(".offline-error").forEach(function (e) { e.remove(); });
    part.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    var summary = part.querySelector(".error-summary");
    summary.hidden = true;
    summary.querySelector("ul").replaceChildren();
  }

  function problem(id, value, answers, shownRows) {
    var q = data.questions[id];
    var m = q.messages;
    var empty = value === undefined || (Array.isArray(value) && !value.length);
    if (q.type === "matrix" && q.required && shownRows.some(function (row) { return !(value && value[row]); })) return m.required;
    if (empty) return q.required ? m.required : null;
    if (typeof value === "number" && isNaN(value)) return m.number;
    if (value === null) return m.date;
    if (q.type === "integer" || q.type === "decimal") {
      if ((q.min !== null && value < q.min) || (q.max !== null && value > q.max)) return m.range;
    }
    if (q.type === "dot_vote") {
      var total = 0, bad = false;
      Object.keys(value).forEach(function (k) { var p = value[k]; if (isNaN(p) || p < 0 || p > q.points) bad = true; total += p; });
      if (bad) return m.range;
      if (total > q.points) return m.points.replace(/\b0\b/, String(total));
    }
    if (typeof value === "string" && m.long && Array.from(value).length > (q.type === "text" ? 500 : 5000)) return m.long;
    if (q.constraint && !X.isTrue(q.constraint, answers, value, null)) return m.constraint;
    return null;
  }

  function check(number, fields) {
    var part = section(number);
    var own = screenAnswers(number, fields);
    var answers = allAnswers();
    screens[number].forEach(function (id) { delete answers[id]; });
    Object.assign(answers, own);
    var shown = X.relevance(data, answers);
    var found = [];
    screens[number].forEach(function (id) {
      if (!shown[id] || data.questions[id].type === "note") return;
      var wrapper = document.getElementById("question-" + id);
      var rows = Array.from(wrapper.querySelectorAll(".matrix-row:not([hidden]) input:first-of-type"))
        .map(function (input) { return input.name.slice(id.length + 1); });
      var message = problem(id, own[id], answers, rows);
      if (!message) return;
      var target = wrapper.querySelector("input:not([disabled]), textarea");
      var note = document.createElement("p");
      note.className = "field-error offline-error";
      note.id = "question-" + id + "-offline-error";
      note.textContent = message;
      wrapper.insertBefore(note, wrapper.firstElementChild ? wrapper.firstElementChild.nextSibling : null);
      if (target) target.setAttribute("aria-invalid", "true");
      found.push([message, target ? target.id : wrapper.id]);
    });
    if (found.length) {
      var summary = part.querySelector(".error-summary");
      found.forEach(function (item) {
        var link = document.createElement("a");
        link.href = "#" + item[1];
        link.textContent = item[0];
        var li = document.createElement("li");
        li.appendChild(link);
        summary.querySelector("ul").appendChild(li);
      });
      summary.hidden = false;
      summary.focus();
    }
    return !found.length;
  }

  /* --- the flow -------------------------------------------------------------------- */

  document.querySelectorAll(".offline-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var number = parseInt(form.closest(".offline-screen").getAttribute("data-screen"), 10);
      var fields = queue.formFields(form);
      var back = event.submitter && event.submitter.value === "back";
      clearErrors(section(number));
      if (!back && !check(number, fields)) return;
      state.screens[number] = fields;
      queue.writeState(state);
      if (back) {
        var previous = previousBefore(number);
        if (previous) go(previous); else show(document.getElementById("offline-start"));
        return;
      }
      var following = nextAfter(number);
      if (following) go(following); else showDone();
    });
  });

  function showDone() {
    state.current = 0;
    queue.writeState(state);
    show(document.getElementById("offline-done"));
  }

  function fresh() {
    state = { q: data.questionnaire, lang: data.language, screens: {}, startedOffline: true };
  }

  document.getElementById("offline-begin").addEventListener("click", function () {
    if (!state || state.q !== data.questionnaire) fresh();
    var first = nextAfter(0);
    if (first) go(first); else showDone();
  });

  document.getElementById("offline-back").addEventListener("click", function () {
    var shown = shownScreens(X.relevance(data, allAnswers()));
    if (shown.length) go(shown[shown.length - 1]);
  });

  var submitting = false;
  document.getElementById("offline-submit").addEventListener("click", function () {
    if (submitting) return;
    submitting = true;
    var shown = X.relevance(data, allAnswers());
    var list = shownScreens(shown).filter(function (n) { return state.screens[n]; });
    var entry = {
      id: state.token || window.crypto.randomUUID(),
      questionnaire: data.questionnaire, version: data.version, hash: data.hash,
      language: data.language, started_offline: !!state.startedOffline,
      screens: list.map(function (n) { return [n, state.screens[n]]; }),
      queueUrl: data.queueUrl, token: data.token,
      expires: Date.now() + data.lifetimeHours * 3600 * 1000
    };
    queue.add(entry).catch(function () { return null; }).then(function () {
      queue.clearState();
      state = null;
      show(document.getElementById("offline-thanks"));
      window.setTimeout(function () { window.location.href = data.kioskUrl; }, data.resetSeconds * 1000);
      submitting = false;
    });
  });

  var idle = document.getElementById("idle-form");
  if (idle) {
    idle.addEventListener("submit", function (event) {
      event.preventDefault();
      queue.clearState();
      window.location.href = data.kioskUrl;
    });
  }

  /* Where to begin: a respondent whose page could not be sent continues; else the start. */
  if (state && state.q === data.questionnaire && Object.keys(state.screens).length) {
    var answeredDone = state.action === "done" || (state.action === "next" && !nextAfter(state.current));
    if (answeredDone) showDone();
    else if (state.action === "next") go(nextAfter(state.current));
    else go(state.current);
  } else {
    fresh();
    show(document.getElementById("offline-start"));
  }
}());
