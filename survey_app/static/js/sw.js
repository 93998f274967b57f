/* ankommen — the kiosk tablets' service worker.
   It caches what offline.json lists (the offline answering pages, CSS, scripts,
   pictograms) when a kiosk page asks it to; pages always come from the network first.
   When a respondent page cannot be fetched (the network is gone), it answers with the
   cached offline page of that questionnaire; offline-answering.js takes over there.
   It never stores answers: the queue lives in IndexedDB, written by the page. */
"use strict";

var CACHE = "ankommen-offline-v1";
var INDEX = new URL("offline-index.json", self.registration.scope).href;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function readIndex(cache) {
  return cache.match(INDEX).then(function (response) {
    return response ? response.json() : { codes: {} };
  });
}

function precache(manifestUrl) {
  return fetch(manifestUrl, { credentials: "same-origin", cache: "no-store" })
    .then(function (response) {
      if (!response.ok) throw new Error("no manifest");
      return response.json();
    })
    .then(function (manifest) {
      return caches.open(CACHE).then(function (cache) {
        var urls = manifest.assets.slice();
        Object.keys(manifest.documents).forEach(function (id) {
          Object.keys(manifest.documents[id]).forEach(function (tag) {
            urls.push(manifest.documents[id][tag]);
          });
        });
        return Promise.all(urls.map(function (url) {
          return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
            return r.ok ? cache.put(url, r) : null;
          });
        })).then(function () { return readIndex(cache); }).then(function (index) {
          index.codes[manifest.code] = manifest;
          return cache.put(INDEX, new Response(JSON.stringify(index), {
            headers: { "Content-Type": "application/json" }
          }));
        });
      });
    });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "precache" || typeof data.manifest !== "string") return;
  var source = event.source;
  event.waitUntil(precache(data.manifest).then(function () {
    if (source) source.postMessage({ type: "precached" });
  }, function () { /* offline or closed: the old copy stays */ }));
});

function documentFor(manifest, id, tag) {
  var languages = manifest.documents[id];
  if (!languages) return null;
  return languages[tag] || languages[manifest.defaults[id]] || null;
}

/* The cached offline page for a respondent URL (relative to the scope), or null. */
function offlineDocument(index, path, url) {
  var codes = Object.keys(index.codes);
  var kiosk = /^k\/([^/]+)/.exec(path);
  if (kiosk && index.codes[kiosk[1]]) {
    if (/^k\/[^/]+\/offline\//.test(path)) return url.href.split("#")[0];
    var manifest = index.codes[kiosk[1]];
    return manifest.first ? documentFor(manifest, manifest.first, url.searchParams.get("lang")) : null;
  }
  var answering = /^q\/([^/]+)/.exec(path);
  if (!answering) return null;
  var id = decodeURIComponent(answering[1]);
  for (var i = 0; i < codes.length; i += 1) {
    var found = documentFor(index.codes[codes[i]], id, url.searchParams.get("lang"));
    if (found) return found;
  }
  return null;
}

function fallback(url) {
  var path = url.href.slice(self.registration.scope.length);
  return caches.open(CACHE).then(function (cache) {
    return readIndex(cache).then(function (index) {
      var target = offlineDocument(index, path, url);
      return target ? cache.match(target) : null;
    });
  }).then(function (response) { return response || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Only the respondent side: the coordinator area is never touched.
  if (!/^(k|q|static|pictograms|fonts)\//.test(url.href.slice(self.registration.scope.length))) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () { return fallback(url); }));
  } else if (request.method === "GET") {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(request).then(function (response) { return response || Response.error(); });
    }));
  }
});
