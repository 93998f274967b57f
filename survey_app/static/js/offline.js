/* ankommen — kiosk tablets that keep working offline (only in kiosk mode, only with
   JavaScript; without it every page works online as before).
   - registers the service worker (sw.js) and asks it to cache the offline pages;
   - keeps the current respondent's screens (the form fields, as posted) in
     sessionStorage, so that the offline page can continue where the network failed;
   - the queue: finished offline responses in IndexedDB, sent to the server when it
     can be reached, deleted only when the server names the entry's id in its answer
     (stored, stored before, or refused for good); entries older than the lifetime are
     deleted unsent.  The queue is never shown, only counted (#queue-count). */
(function () {
  "use strict";

  var STATE_KEY = "ankommen-offline-respondent";
  var DB_NAME = "ankommen-queue";
  var STORE = "responses";
  var counter = document.getElementById("queue-count");

  /* --- the current respondent's screens (this tab only) --------------------------- */

  function readState() {
    try { return JSON.parse(window.sessionStorage.getItem(STATE_KEY) || "null"); } catch (e) { return null; }
  }
  function writeState(state) {
    try { window.sessionStorage.setItem(STATE_KEY, JSON.stringify(state)); } catch (e) { /* full */ }
  }
  function clearState() {
    try { window.sessionStorage.removeItem(STATE_KEY); } catch (e) { /* nothing kept */ }
  }

  function formFields(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "action" && name !== "token" && typeof value === "string") {
        fields.push([name, value]);
      }
    });
    return fields;
  }

  function recordOnlinePages() {
    if (!counter || document.body.hasAttribute("data-offline-document")) return;
    var questionnaire = counter.dataset.questionnaire;
    var lang = counter.dataset.lang;
    // A new respondent begins (event page, consent page) or one has finished: forget.
    if (!questionnaire || document.body.hasAttribute("data-return-url") ||
        document.querySelector('main form[action$="/consent"]')) {
      clearState();
    }
    if (!questionnaire) return;
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var action = form.getAttribute("action") || "";
      var state = readState();
      if (/\/start-over$/.test(action)) { clearState(); return; }
      if (/\/consent$/.test(action)) {
        writeState({ q: questionnaire, lang: lang, screens: {}, startedOffline: false });
        return;
      }
      if (!state || state.q !== questionnaire) return;
      var page = /\/page\/(\d+)$/.exec(action);
      if (page) {
        state.screens[page[1]] = formFields(form);
        state.current = parseInt(page[1], 10);
        state.action = event.submitter && event.submitter.value === "back" ? "back" : "next";
        state.lang = lang;
        writeState(state);
      } else if (form.classList.contains("submit-form")) {
        var token = form.querySelector("input[name=token]");
        state.token = token ? token.value : null;
        state.current = 0;
        state.action = "done";
        writeState(state);
      }
    });
  }

  /* --- the queue ------------------------------------------------------------------- */

  function openQueue() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openQueue().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : undefined); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function allEntries() { return withStore("readonly", function (store) { return store.getAll(); }); }
  function removeEntry(id) { return withStore("readwrite", function (store) { store.delete(id); }); }
  function addEntry(entry) {
    return withStore("readwrite", function (store) { store.put(entry); });
  }

  function tabletId() {
    var id = null;
    try { id = window.localStorage.getItem("ankommen-queue-id"); } catch (e) { id = null; }
    if (!id) {
      id = Array.from(window.crypto.getRandomValues(new Uint8Array(12)), function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      try { window.localStorage.setItem("ankommen-queue-id", id); } catch (e) { /* one per page */ }
    }
    return id;
  }

  function showCount(count) {
    if (!counter) return;
    counter.textContent = count > 0 ? counter.getAttribute("data-template").replace("%(n)s", String(count)) : "";
    document.documentElement.setAttribute("data-queue-length", String(count));
  }

  /* Entries past their end (set by the offline page: the server's lifetime) go unsent. */
  function expire(entries) {
    var now = Date.now();
    var old = entries.filter(function (entry) { return !(entry.expires > now); });
    return Promise.all(old.map(function (entry) { return removeEntry(entry.id); })).then(function () {
      return entries.filter(function (entry) { return entry.expires > now; });
    });
  }

  function sendOne(entry, waiting) {
    var body = {
      id: entry.id, questionnaire: entry.questionnaire, version: entry.version, hash: entry.hash,
      language: entry.language, started_offline: entry.started_offline, screens: entry.screens,
      waiting: waiting, queue: tabletId()
    };
    return fetch(entry.queueUrl, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Kiosk-Token": entry.token },
      body: JSON.stringify(body)
    }).then(function (response) {
      var final = response.ok || response.status === 422;
      return response.json().catch(function () { return {}; }).then(function (reply) {
        if (final && reply && reply.id === entry.id) return removeEntry(entry.id).then(function () { return true; });
        return false;
      });
    });
  }

  var sending = null;
  function send() {
    if (sending) return sending;
    sending = allEntries().then(expire).then(function (entries) {
      var index = 0;
      function next() {
        if (index >= entries.length) return entries.length - index;
        var entry = entries[index];
        return sendOne(entry, entries.length - index - 1).then(function (done) {
          if (!done) return entries.length - index;
          index += 1;
          return next();
        });
      }
      return next().catch(function () { return entries.length - index; });
    }).then(function (left) {
      showCount(left);
      return left;
    }, function () { return 0; }).finally(function () { sending = null; });
    return sending;
  }

  /* --- the service worker ---------------------------------------------------------- */

  function registerWorker() {
    if (!counter || !counter.dataset.sw || !("serviceWorker" in navigator)) return;
    var manifest = counter.dataset.manifest;
    var key = "ankommen-precached:" + manifest;
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "precached") {
        try { window.sessionStorage.setItem(key, String(Date.now())); } catch (e) { /* again next page */ }
        document.documentElement.setAttribute("data-offline-ready", "1");
      }
    });
    navigator.serviceWorker.register(counter.dataset.sw).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var last = 0;
      try { last = parseInt(window.sessionStorage.getItem(key) || "0", 10); } catch (e) { last = 0; }
      if (Date.now() - last < 10 * 60 * 1000) {
        document.documentElement.setAttribute("data-offline-ready", "1");
        return;
      }
      if (registration.active && navigator.onLine) {
        registration.active.postMessage({ type: "precache", manifest: manifest });
      }
    }).catch(function () { /* no offline mode on this device */ });
  }

  window.AnkommenQueue = {
    add: function (entry) { return addEntry(entry).then(send); },
    send: send, readState: readState, writeState: writeState, clearState: clearState,
    formFields: formFields
  };

  recordOnlinePages();
  registerWorker();
  send();
  window.addEventListener("online", send);
  window.setInterval(send, 15000);
}());
