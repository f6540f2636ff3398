// Preview only (make serve): reload as soon as the server reports a build newer than the
// one this page shows. A page that moved meanwhile is redirected by the server.
(function () {
  var shown = document.currentScript.dataset.build;
  var events = new EventSource("/__vorschau/events?build=" + shown);
  events.onmessage = function () { events.close(); location.reload(); };
})();
