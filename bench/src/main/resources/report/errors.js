/* Runs before anything else on the page: every JavaScript error is counted on #report-status (which the browser
   test reads) and shown at the top, so a broken chart never fails silently. */
(function () {
  'use strict';
  var status = document.getElementById('report-status');
  function record(message) {
    status.setAttribute('data-js-errors', String(Number(status.getAttribute('data-js-errors')) + 1));
    status.setAttribute('data-js-error-messages', (status.getAttribute('data-js-error-messages') || '') + message + '\n');
    status.textContent = 'JavaScript errors: ' + status.getAttribute('data-js-errors')
      + '. Some charts may be missing; the tables still hold every number.';
    status.hidden = false;
  }
  window.webbenchRecordError = record;
  window.addEventListener('error', function (event) {
    record('error: ' + event.message + ' at ' + event.filename + ':' + event.lineno);
  });
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection: ' + event.reason);
  });
})();
