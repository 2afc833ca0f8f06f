/* The navigation drawer from the keyboard. mkdocs-material opens it with a <label> for a hidden
   checkbox: a mouse can click it, a keyboard cannot reach it, and at narrow widths or 200 % zoom
   the navigation is only in the drawer. A real button takes the label's place (the label stays
   for readers without script), says whether the drawer is open, and Escape closes it again. */
(function () {
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer) return;
  toggle.checked = false; // closed even where the browser restored form state (kb-md-content.js does it elsewhere)

  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " kb-menu-button";
  button.setAttribute("aria-label", "Meny");
  button.setAttribute("aria-controls", "kb-meny");
  button.innerHTML = label.innerHTML;
  drawer.id = drawer.id || "kb-meny";
  label.hidden = true;
  label.parentNode.insertBefore(button, label);

  function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
  function close() { toggle.checked = false; toggle.dispatchEvent(new Event("change")); sync(); }

  button.addEventListener("click", function () {
    toggle.checked = !toggle.checked;
    toggle.dispatchEvent(new Event("change"));
    sync();
    if (toggle.checked) {
      var first = drawer.querySelector("a[href]");
      // Wait for the drawer to become visible (CSS transition) before moving focus into it.
      if (first) setTimeout(function () { first.focus(); }, 50);
    }
  });
  toggle.addEventListener("change", function () {
    sync();
    // Closed by a click on the dimmed page: focus back on the button, not lost on the page.
    var active = document.activeElement;
    if (!toggle.checked && (!active || active === document.body || drawer.contains(active))) button.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) { close(); button.focus(); }
  });
  // Tab past the drawer's last link leads into the page under the dimmed overlay: the drawer closes
  // as the focus leaves it, so the focus is never on something the overlay hides.
  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next) && next !== button) close();
  });
  sync();
})();
