// The meeting page's table of contents: folded on narrow screens (and without JavaScript),
// unfolded where there is room for it beside the reading.
(function () {
  "use strict";
  var toc = document.querySelector("details.toc-details");
  if (toc && window.matchMedia("(min-width: 48rem)").matches) {
    toc.open = true;
  }
})();
