/* Mark evaluation dates that have passed. Done in the browser, so the built
   page stays the same from day to day (a deterministic build). */
(function () {
  "use strict";
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll("td[data-evaluatie]").forEach(function (cell) {
    if (cell.getAttribute("data-evaluatie") < today) {
      cell.classList.add("te-laat");
      cell.appendChild(document.createTextNode(" – te laat"));
    }
  });
})();
