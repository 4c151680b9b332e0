// The counter screen's keyboard and buttons. A file, not inline code: the pages'
// Content-Security-Policy runs no inline script and htmx evaluates nothing.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    // Alt+letter shortcuts listed on the page (the same in every browser, unlike accesskey).
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      var target = document.querySelector('[data-shortcut="' + event.code + '"]');
      if (!target) { return; }
      event.preventDefault();
      target.focus();
      if (target.tagName === "BUTTON") { target.click(); }
      return;
    }
    // Enter in a field marked data-enter-triggers fires that htmx event instead of
    // submitting the form (the procedure search, the personal ID lookup).
    if (event.key !== "Enter" || !(event.target instanceof HTMLElement)) { return; }
    var trigger = event.target.getAttribute("data-enter-triggers");
    if (trigger === null) { return; }
    event.preventDefault();
    if (trigger && window.htmx) { window.htmx.trigger(event.target, trigger); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-tick-all]") : null;
    if (!button) { return; }
    // A conditional paper ("only if …") is ticked by hand when it applies.
    document.querySelectorAll("#checklist input[name=papers]:not([data-conditional])").forEach(function (box) {
      box.checked = true;
    });
  });
})();
