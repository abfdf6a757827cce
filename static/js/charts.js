// A chart wider than a phone's screen scrolls inside its own box (its labels stay 12px). Open
// it at its latest end, where the recent releases are, and say that it scrolls. Without this
// script it opens at the earliest end, which is still readable.
(function () {
  "use strict";
  document.querySelectorAll(".chart").forEach(function (figure) {
    var box = figure.querySelector(".chart-scroll");
    if (!box || box.dataset.opened || box.scrollWidth <= box.clientWidth) {
      return;
    }
    box.dataset.opened = "true";
    box.scrollLeft = box.scrollWidth;
    var hint = figure.querySelector(".chart-hint");
    if (hint) {
      hint.hidden = false;
    }
  });
})();
