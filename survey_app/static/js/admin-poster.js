// The poster's print button (without JavaScript: Ctrl+P, as the page says).
(function () {
  "use strict";
  var button = document.querySelector(".js-print");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
}());
