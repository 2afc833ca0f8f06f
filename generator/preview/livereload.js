// The live preview's reload, as a file: the site's Content-Security-Policy runs no inline script, so
// MkDocs' own inline snippet never ran. The same protocol as MkDocs 1.6: /livereload/<epoch>/<id>
// answers, at the latest after a minute, with the epoch of the newest build; a newer one reloads.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = Number(script.dataset.epoch);
  var requestId = script.dataset.requestId;
  var request, timer;

  function poll() {
    stop();
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (Number(this.responseText) > epoch) {
        location.reload();
      } else if (request === this) {
        // A server that is away (restarting) is asked again in a while, not in a tight loop.
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    var old = request;
    request = undefined;
    if (old) old.abort();
    clearTimeout(timer);
  }

  // A hidden tab holds no connection open; it catches up when it is shown again.
  function follow() {
    if (document.visibilityState === "visible") poll(); else stop();
  }

  window.addEventListener("load", follow);
  document.addEventListener("visibilitychange", follow);
  window.addEventListener("pagehide", stop);
})();
