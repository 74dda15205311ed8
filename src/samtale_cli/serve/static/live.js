// samtale serve: reload the page when a file of the workspace changes.
"use strict";
(function () {
  if (!window.EventSource) {
    return;
  }
  const changes = new EventSource("/_aendringer");
  changes.addEventListener("endret", function () {
    window.location.reload();
  });
})();
