// Runs before anything else on the page: counts errors (scripts, failed
// resources) and alerts as attributes of <html>, so that a browser test can
// read them off the rendered page.
(function () {
  'use strict';
  var root = document.documentElement;
  var errors = 0;
  function note(what) {
    errors += 1;
    root.setAttribute('data-errors', String(errors));
    root.setAttribute('data-last-error', String(what).slice(0, 300));
  }
  root.setAttribute('data-errors', '0');
  window.addEventListener('error', function (e) {
    note(e.message || (e.target && (e.target.src || e.target.href)) || 'error');
  }, true);
  window.addEventListener('unhandledrejection', function (e) { note(e.reason); });
  var original = console.error;
  console.error = function () {
    note(Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
  window.alert = function () { root.setAttribute('data-alerted', '1'); };
})();
