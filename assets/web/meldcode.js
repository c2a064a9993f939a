/* Small fixes on top of the Material theme. The search overlay is a dialog
   without a name; screen readers then announce only "dialog". */
(function () {
  "use strict";
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Zoeken in de meldcode");
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(name);
  else document.addEventListener("DOMContentLoaded", name);
})();
