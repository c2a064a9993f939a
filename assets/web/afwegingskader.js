/* Interactive afwegingskader: walk the five questions one at a time.
   Works offline, by keyboard alone; without JavaScript the full text below
   stays readable. The questions come from the JSON block on the page, which is
   generated from the same data as the text and the PDF flowchart. The page holds
   the first question already, drawn as render() draws it, so the box has its size
   before this script runs; the box is hidden without JavaScript (meldcode.css). */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function start() {
    var box = document.getElementById("afwegingskader");
    var data = document.getElementById("afwegingskader-data");
    if (!box || !data || box.dataset.ready) return;
    box.dataset.ready = "1";
    var kader = JSON.parse(data.textContent);
    var vragen = {};
    kader.vragen.forEach(function (v) { vragen[v.nummer] = v; });
    var pad = [];

    function render(focusTarget) {
      box.textContent = "";
      box.appendChild(el("h2", { id: "kader-titel", tabindex: "-1" }, "Doorloop het afwegingskader"));
      if (pad.length) {
        var lijst = el("ol", { class: "kader-pad", "aria-label": "Je antwoorden tot nu toe" });
        pad.forEach(function (stap) {
          lijst.appendChild(el("li", {}, "Vraag " + stap.vraag + " (" + vragen[stap.vraag].titel + "): " + stap.antwoord));
        });
        box.appendChild(lijst);
      }
      var laatste = pad[pad.length - 1];
      var live = el("div", { "aria-live": "polite" });
      box.appendChild(live);
      if (laatste && laatste.actie) {
        live.appendChild(el("p", { class: "kader-actie" }, laatste.actie));
      }
      if (laatste && laatste.uitkomst) {
        var u = kader.uitkomsten[laatste.uitkomst];
        var blok = el("div", { class: "kader-uitkomst kader-uitkomst--" + u.soort, "data-uitkomst": u.soort, role: "status" });
        blok.appendChild(el("h3", { id: "kader-uitkomst", tabindex: "-1" }, "Uitkomst: " + u.titel));
        blok.appendChild(el("p", {}, u.tekst));
        live.appendChild(blok);
      } else {
        var nummer = laatste ? laatste.naar : kader.vragen[0].nummer;
        var vraag = vragen[nummer];
        live.appendChild(el("p", { class: "kader-vraag", id: "kader-vraag", tabindex: "-1" },
          "Vraag " + vraag.nummer + " van " + kader.vragen.length + " (" + vraag.titel + "): " + vraag.vraag));
        var knoppen = el("div", { class: "kader-knoppen", role: "group", "aria-labelledby": "kader-vraag" });
        vraag.antwoorden.forEach(function (a, i) {
          var knop = el("button", { type: "button", class: i === 0 ? "primair" : "" }, a.label);
          knop.addEventListener("click", function () {
            pad.push({ vraag: vraag.nummer, antwoord: a.label, naar: a.naar, uitkomst: a.uitkomst, actie: a.actie });
            render(a.uitkomst ? "kader-uitkomst" : "kader-vraag");
          });
          knoppen.appendChild(knop);
        });
        live.appendChild(knoppen);
      }
      var opnieuw = el("div", { class: "kader-knoppen" });
      if (pad.length) {
        var terug = el("button", { type: "button" }, "Vorige vraag");
        terug.addEventListener("click", function () { pad.pop(); render("kader-vraag"); });
        opnieuw.appendChild(terug);
        var reset = el("button", { type: "button" }, "Opnieuw beginnen");
        reset.addEventListener("click", function () { pad = []; render("kader-vraag"); });
        opnieuw.appendChild(reset);
      }
      box.appendChild(opnieuw);
      if (focusTarget) {
        var f = document.getElementById(focusTarget);
        if (f) f.focus();
      }
    }

    box.hidden = false;
    render(null);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);  // Material's page-load hook
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
