/* ankommen — respondent pages. Everything here only enhances: every page works
   without JavaScript. No expressions are evaluated here; relevance is the server's.
   Values come from data- attributes (the CSP forbids inline script). */
(function () {
  "use strict";

  var body = document.body;
  var pageLang = document.documentElement.lang || "de";

  /* --- Read aloud (Web Speech API), only where the device has a voice ---------- */

  function primary(tag) {
    return String(tag || "").split("-")[0].toLowerCase();
  }

  function voiceFor(lang) {
    if (!("speechSynthesis" in window)) return null;
    var voices = window.speechSynthesis.getVoices() || [];
    var wanted = primary(lang);
    var exact = null;
    var near = null;
    voices.forEach(function (voice) {
      var tag = String(voice.lang || "").replace("_", "-").toLowerCase();
      if (tag === lang.toLowerCase() && !exact) exact = voice;
      if (primary(tag) === wanted && !near) near = voice;
    });
    return exact || near;
  }

  function spokenText() {
    var parts = [];
    document.querySelectorAll("main .speak").forEach(function (element) {
      if (element.closest("[hidden]")) return;
      var text = element.textContent.replace(/\s+/g, " ").trim();
      if (text) parts.push(text);
    });
    return parts.join(". \n");
  }

  /* Recorded audio (the coordinator's recordings) comes before a synthetic voice:
     many tablets have no voice for Arabic or Ukrainian. */
  function recordings() {
    return Array.prototype.filter.call(
      document.querySelectorAll("main audio.recorded"),
      function (audio) {
        return !audio.closest("[hidden]");
      }
    );
  }

  function playInTurn(list, button) {
    var index = 0;
    function next() {
      if (index >= list.length) {
        button.setAttribute("aria-pressed", "false");
        return;
      }
      var audio = list[index++];
      audio.onended = next;
      audio.currentTime = 0;
      var played = audio.play();
      if (played && typeof played.catch === "function") played.catch(next);
    }
    button.setAttribute("aria-pressed", "true");
    next();
  }

  function stopRecordings() {
    var playing = false;
    recordings().forEach(function (audio) {
      if (!audio.paused) playing = true;
      audio.onended = null;
      audio.pause();
    });
    return playing;
  }

  function setUpReadAloud() {
    var buttons = document.querySelectorAll(".read-aloud");
    var hasSynth = "speechSynthesis" in window;
    if (!buttons.length || (!hasSynth && !recordings().length)) return;
    var synth = hasSynth ? window.speechSynthesis : null;

    function offer() {
      var voice = hasSynth ? voiceFor(pageLang) : null;
      var recorded = recordings().length > 0;
      buttons.forEach(function (button) {
        button.hidden = !voice && !recorded;
      });
    }

    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (stopRecordings()) {
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var list = recordings();
        if (list.length) {
          playInTurn(list, button);
          return;
        }
        if (!synth) return;
        if (synth.speaking) {
          synth.cancel();
          button.setAttribute("aria-pressed", "false");
          return;
        }
        var voice = voiceFor(pageLang);
        if (!voice) return;
        var utterance = new SpeechSynthesisUtterance(spokenText());
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = body.classList.contains("child") ? 0.85 : 0.95;
        utterance.onend = utterance.onerror = function () {
          button.setAttribute("aria-pressed", "false");
        };
        button.setAttribute("aria-pressed", "true");
        synth.speak(utterance);
      });
    });
    offer();
    if (synth && typeof synth.addEventListener === "function") {
      synth.addEventListener("voiceschanged", offer);
    }
    window.addEventListener("pagehide", function () {
      if (synth) synth.cancel();
      stopRecordings();
    });
  }

  /* --- Kiosk: "are you still there?", then discard ---------------------------- */

  function setUpIdleTimer() {
    var idleSeconds = parseInt(body.dataset.kioskIdle || "", 10);
    var warningSeconds = parseInt(body.dataset.kioskWarning || "", 10);
    var dialog = document.getElementById("idle-dialog");
    var form = document.getElementById("idle-form");
    if (!idleSeconds || !dialog || !form) return;
    var idleTimer = null;
    var discardTimer = null;

    function discard() {
      // requestSubmit: the offline page listens for the submit event (offline.js)
      if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
    }

    function warn() {
      if (typeof dialog.showModal === "function") {
        dialog.showModal();
      } else {
        dialog.setAttribute("open", "");
      }
      var button = document.getElementById("idle-continue");
      if (button) button.focus();
      discardTimer = window.setTimeout(discard, Math.max(warningSeconds, 5) * 1000);
    }

    function restart() {
      if (dialog.open) return;
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(warn, idleSeconds * 1000);
    }

    document.getElementById("idle-continue").addEventListener("click", function () {
      window.clearTimeout(discardTimer);
      dialog.close ? dialog.close() : dialog.removeAttribute("open");
      restart();
    });
    dialog.addEventListener("cancel", function () {
      window.clearTimeout(discardTimer);
      window.setTimeout(restart, 0);
    });
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, restart, { passive: true, capture: true });
    });
    restart();
  }

  /* --- Kiosk: back to the start after the thank-you page ---------------------- */

  function setUpReturn() {
    var url = body.dataset.returnUrl;
    var seconds = parseInt(body.dataset.returnSeconds || "", 10);
    if (!url || !seconds) return;
    document.querySelectorAll(".return-note").forEach(function (note) {
      note.hidden = false;
    });
    window.setTimeout(function () {
      window.location.replace(url);
    }, seconds * 1000);
  }

  /* --- Dot vote: points left, and large −/+ buttons ---------------------------- */

  function setUpDotVotes() {
    document.querySelectorAll("fieldset.dot-vote").forEach(function (fieldset) {
      var points = parseInt(fieldset.dataset.points || "0", 10);
      var output = fieldset.querySelector(".points-left");
      var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input.input-points"));

      function value(input) {
        var number = parseInt(input.value, 10);
        return isNaN(number) || number < 0 ? 0 : number;
      }

      function update() {
        var left = points - inputs.reduce(function (sum, input) { return sum + value(input); }, 0);
        var template = left >= 0 ? output.dataset.templateLeft : output.dataset.templateOver;
        output.textContent = template.replace("%(n)s", String(Math.abs(left)));
        output.classList.toggle("over", left < 0);
        output.hidden = false;
      }

      inputs.forEach(function (input) {
        var label = fieldset.querySelector('label[for="' + input.id + '"]');
        var name = label ? label.textContent.trim() : "";
        var wrapper = document.createElement("span");
        wrapper.className = "stepper";
        input.parentNode.insertBefore(wrapper, input);
        [["−", -1, fieldset.dataset.labelLess], ["+", 1, fieldset.dataset.labelMore]].forEach(function (spec, index) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "secondary";
          button.textContent = spec[0];
          button.setAttribute("aria-label", spec[2] + ": " + name);
          button.addEventListener("click", function () {
            input.value = String(Math.min(points, Math.max(0, value(input) + spec[1])));
            update();
          });
          if (index === 0) {
            wrapper.appendChild(button);
            wrapper.appendChild(input);
          } else {
            wrapper.appendChild(button);
          }
        });
        input.addEventListener("input", update);
      });
      if (output) update();
    });
  }

  /* --- Error summary and the final button ------------------------------------ */

  function setUpForms() {
    var summary = document.querySelector(".error-summary");
    if (summary && document.activeElement !== summary) summary.focus();
    document.querySelectorAll("form.submit-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent) {
          event.preventDefault();
          return;
        }
        form.dataset.sent = "1";
      });
    });
  }

  setUpReadAloud();
  setUpIdleTimer();
  setUpReturn();
  setUpDotVotes();
  setUpForms();
})();
