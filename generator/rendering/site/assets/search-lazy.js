/*
 * The search index loads on first use, not with every page.
 *
 * The theme asks for search/search_index.json (with XMLHttpRequest) as soon as a page
 * loads and hands it to the search worker. This script, loaded in the page's head before
 * the theme's, holds that one request back until someone starts to search: focuses the
 * search field, opens search (the magnifier or its keyboard shortcuts), or touches its
 * button. Then the request goes out as the theme made it, and search works as before;
 * until then the worker has nothing to load either (see search-worker.js). Every other
 * request is left alone.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json([?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var started = false;
  var deferred = typeof WeakSet === "function" ? new WeakSet() : null;
  if (!deferred) { return; }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (!started && String(method).toUpperCase() === "GET" && INDEX.test(String(url))) {
      deferred.add(this);
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!started && deferred.has(this)) {
      var request = this;
      var args = arguments;
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function start() {
    if (started) { return; }
    started = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  function isSearch(element) {
    return element && element.closest && element.closest(
      "[data-md-component=search-query], label[for=__search], .md-search");
  }
  document.addEventListener("focusin", function (event) {
    if (isSearch(event.target)) { start(); }
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (isSearch(event.target)) { start(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) { start(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    // The theme's shortcuts that open search: "/", "s" and "f" outside a text field.
    var key = event.key;
    var typing = event.target && event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && (key === "/" || key === "s" || key === "f" || key === "S" || key === "F")) { start(); }
  }, true);
})();
