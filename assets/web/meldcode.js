/* The website's own script, on every page, after the content.

   1. The theme's script (Material's or Zensical's bundle, ~115-175 KB) loads after the
      page has painted: meldcode/site.py takes its <script> out of each page and puts its
      address in data-thema on this script's tag. The page reads and works without it
      (the menu is plain HTML and CSS); the bundle adds search, the "back to top" button
      and the contents that follow the reader.
   2. The search index (search_index.json or search.json, the largest file after the
      bundle) is fetched only when the reader opens the search, not on every page.
   3. The search overlay is a dialog without a name; screen readers then announce only
      "dialog". */
(function () {
  "use strict";
  var root = document.documentElement;
  var self = document.currentScript;
  var bundle = self && self.getAttribute("data-thema");

  /* 2. Hold the theme's request for the search index until the search is opened. */
  var searchOpened = false;
  var held = [];
  var INDEX = /\/search(\/search_index)?\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.meldcodeIndex = INDEX.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (xhr.meldcodeIndex && !searchOpened) {
      held.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };
  function openSearch() {
    if (searchOpened) return;
    searchOpened = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  function inSearch(target) {
    return target && target.closest && target.closest("[data-md-component=search], label[for=__search]");
  }
  // The theme's keyboard shortcuts for the search.
  function isShortcut(event) {
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    return !typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[/sfSF]$/.test(event.key);
  }
  document.addEventListener("focusin", function (e) { if (inSearch(e.target)) openSearch(); }, true);
  document.addEventListener("click", function (e) { if (inSearch(e.target)) openSearch(); }, true);
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) openSearch();
  }, true);

  /* 1. The theme's script, after the first paint, or at once when the reader acts. */
  var ready = false;
  var pending = false;
  function whenThemeReady() {
    ready = true;
    root.setAttribute("data-thema", "geladen");
    if (pending) {  // a search shortcut pressed before the theme was there
      var field = document.querySelector(".md-search__input");
      var button = document.querySelector(".md-search__button");
      if (field) field.focus(); else if (button) button.click();
    }
  }
  function loadTheme() {
    if (!bundle || root.hasAttribute("data-thema")) return;
    root.setAttribute("data-thema", "laden");
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = function () {
      // The bundle starts on DOMContentLoaded, which has passed: announce it again.
      document.dispatchEvent(new Event("DOMContentLoaded"));
      whenThemeReady();
    };
    document.body.appendChild(script);
  }
  document.addEventListener("keydown", function (e) {
    if (ready || !isShortcut(e)) return;
    e.preventDefault();
    pending = true;
    openSearch();
    loadTheme();
    // Material's search field is in the page: open it now, so what is typed next lands in it.
    var field = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    if (field && toggle) {
      root.classList.remove("no-js");
      root.classList.add("js");
      toggle.checked = true;
      field.focus();
    }
  }, true);
  ["pointerdown", "touchstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, loadTheme, { capture: true, passive: true });
  });
  // After the load event and the first contentful paint (as the browser reports it to
  // Lighthouse), else after the next frame.
  function afterPaint() {
    var later = function () { setTimeout(loadTheme, 0); };
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (!types || types.indexOf("paint") < 0) {
      requestAnimationFrame(later);
    } else if (performance.getEntriesByName("first-contentful-paint").length) {
      later();
    } else {
      new PerformanceObserver(function (list, observer) {
        if (!list.getEntriesByName("first-contentful-paint").length) return;
        observer.disconnect();
        later();
      }).observe({ type: "paint", buffered: true });
    }
  }
  if (!bundle) ready = true;
  else if (document.readyState === "complete") afterPaint();
  else window.addEventListener("load", afterPaint);

  /* 3. A name for the search dialog. */
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Zoeken in de meldcode");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();
