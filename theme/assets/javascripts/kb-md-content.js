/* mkdocs-material's inline script after the content (partials/javascripts/content.html, 9.x), as a
   file the Content-Security-Policy allows. Runs where the inline script ran, before the bundle. */
(function () {
  /* The drawer and search start closed even where the browser restores form state after a reload
     (Firefox); the theme's autocomplete="off" did this but is invalid on a checkbox. */
  document.querySelectorAll("input.md-toggle[data-md-toggle]").forEach(function (toggle) { toggle.checked = false; });
  if (document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        if (!labels) return;
        outer: for (var i = 0; i < tabs.length; i++) {
          var found = Array.prototype.find.call(labels.getElementsByTagName("label"), function (label) {
            return label.innerText.trim() === tabs[i];
          });
          if (found) { document.getElementById(found.htmlFor).checked = true; break outer; }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
