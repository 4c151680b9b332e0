// The hall's devices. The kiosk prints its ticket as soon as it is shown (in
// kiosk-mode Chromium, --kiosk-printing prints without a dialogue); a display
// flashes the call line when a new call arrives (the board itself is kept by
// htmx polling, see the board's hx-get).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var ticket = document.querySelector("[data-print='on-load']");
    if (ticket && window.matchMedia && !window.matchMedia("print").matches) {
      window.setTimeout(function () { window.print(); }, 300);
    }
  });
  var lastCall = null;
  document.addEventListener("htmx:afterSwap", function () {
    var call = document.getElementById("hall-call");
    if (!call) { return; }
    var key = call.getAttribute("data-call");
    if (lastCall !== null && key && key !== lastCall) {
      call.classList.remove("flash");
      void call.offsetWidth;
      call.classList.add("flash");
    }
    lastCall = key;
  });
})();
