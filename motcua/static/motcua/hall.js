// The hall's devices. The kiosk prints its ticket as soon as it is shown (in
// kiosk-mode Chromium, --kiosk-printing prints without a dialogue). A display
// keeps its board by htmx polling (the board's hx-get); when a new call arrives
// it flashes the call line and, where the hall speaks, plays the chime and then
// the call read aloud (kiosk-mode Chromium needs
// --autoplay-policy=no-user-gesture-required to play without a touch).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var ticket = document.querySelector("[data-print='on-load']");
    if (ticket && window.matchMedia && !window.matchMedia("print").matches) {
      window.setTimeout(function () { window.print(); }, 300);
    }
  });

  function play(urls) {
    if (!urls.length) { return; }
    var audio = new Audio(urls[0]);
    audio.addEventListener("ended", function () { play(urls.slice(1)); });
    var started = audio.play();
    if (started && started.catch) { started.catch(function () {}); }
  }

  var lastCall = null;
  function follow() {
    var call = document.getElementById("hall-call");
    if (!call) { return; }
    var key = call.getAttribute("data-call");
    if (lastCall !== null && key && key !== lastCall) {
      call.classList.remove("flash");
      void call.offsetWidth;
      call.classList.add("flash");
      var chime = call.getAttribute("data-chime");
      var voice = call.getAttribute("data-voice");
      if (chime && voice) { play([chime, voice]); }
    }
    lastCall = key;
  }
  document.addEventListener("DOMContentLoaded", follow);
  document.addEventListener("htmx:afterSwap", follow);
})();
