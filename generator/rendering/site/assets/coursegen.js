// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  // The theme's script fetches "sitemap.xml" next to every <link rel="alternate">; ours
  // name pages, not language roots, so that would ask for files that do not exist (and,
  // on a copy of the site served elsewhere, ask the public host). The links are for
  // search engines reading the HTML; this script runs before the theme looks for them.
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.remove();
  });
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
