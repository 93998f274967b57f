// The live overview refreshes itself: every few seconds it fetches the tables
// (the same template the page was rendered with) and swaps them in. A status region
// announces the total only when it changed; the button pauses and resumes the refresh
// (WCAG 2.2.2). Without JavaScript the page shows the counts of its last load.
(function () {
  "use strict";
  var controls = document.querySelector(".live-controls");
  var tables = document.getElementById("live-tables");
  var announcer = document.getElementById("live-announcer");
  if (!controls || !tables || !window.fetch) { return; }

  var seconds = parseInt(controls.getAttribute("data-refresh-seconds"), 10) || 5;
  var url = controls.getAttribute("data-fragment-url");
  var toggle = controls.querySelector(".js-live-toggle");
  var paused = false;
  var timer = null;

  controls.querySelector(".js-live-off").hidden = true;
  controls.querySelector(".js-live-on").hidden = false;
  toggle.hidden = false;

  function totalText(root) {
    var total = root.querySelector("[data-live-total]");
    return total ? total.textContent.trim() : "";
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || !response.ok) {
          // The session ended (idle timeout): reload, which leads to the login page.
          window.location.reload();
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var before = totalText(tables);
        var template = document.createElement("template");
        template.innerHTML = html;
        tables.replaceChildren(template.content);
        var after = totalText(tables);
        if (after !== before) { announcer.textContent = after; }
      })
      .catch(function () { /* offline for a moment: try again next time */ })
      .finally(schedule);
  }

  function schedule() {
    window.clearTimeout(timer);
    if (!paused) { timer = window.setTimeout(refresh, seconds * 1000); }
  }

  toggle.addEventListener("click", function () {
    paused = !paused;
    toggle.textContent = toggle.getAttribute(paused ? "data-label-resume" : "data-label-pause");
    if (paused) { window.clearTimeout(timer); } else { refresh(); }
  });

  schedule();
}());
