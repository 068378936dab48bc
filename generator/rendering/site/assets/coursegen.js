// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("button.cg-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.cg-copy").forEach(function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = button.getAttribute("data-copied");
          window.setTimeout(function () { button.textContent = label; }, 3000);
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
