// The map page: a click on a place's dot lists its latest events (from /api/events with
// the page's filters and the place), each linked, and links to all of them. Without this
// script the dot is a link to that list.
(function () {
  "use strict";
  var map = document.getElementById("map");
  var panel = document.getElementById("place-panel");
  var source = document.getElementById("map-query");
  if (!map || !panel || !source) {
    return;
  }
  var query = JSON.parse(source.textContent);
  var SHOWN = 20;

  function listOf(place) {
    return "/events?" + [query, "place=" + encodeURIComponent(place)].filter(Boolean).join("&");
  }

  function item(event) {
    var li = document.createElement("li");
    var day = document.createElement("span");
    day.className = "day";
    day.textContent = event.day || event.date || "—";
    var link = document.createElement("a");
    link.href = "/events/" + event.id;
    link.textContent = event.gist || event.type;
    li.append(day, " ", link);
    return li;
  }

  function show(anchor) {
    var place = anchor.getAttribute("data-place");
    var name = anchor.getAttribute("data-name");
    var count = anchor.getAttribute("data-events");
    var list = document.getElementById("place-events");
    map.querySelectorAll("a.place.chosen").forEach(function (a) { a.classList.remove("chosen"); });
    anchor.classList.add("chosen");
    document.getElementById("place-name").textContent = name + ": " + count;
    var all = document.getElementById("place-all");
    all.href = listOf(place);
    all.textContent = "All " + count + " events at " + name;
    list.replaceChildren();
    panel.hidden = false;
    var api = "/api/events?" + [query, "place=" + encodeURIComponent(place), "per_page=" + SHOWN]
      .filter(Boolean).join("&");
    fetch(api, { headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(answer.status + " from " + api);
        }
        return answer.json();
      })
      .then(function (page) {
        list.replaceChildren.apply(list, page.items.map(item));
      })
      .catch(function () {
        var li = document.createElement("li");
        li.textContent = "The events could not be read; the link below lists them.";
        list.replaceChildren(li);
      });
  }

  map.addEventListener("click", function (click) {
    var anchor = click.target.closest("a.place");
    if (!anchor) {
      return;
    }
    click.preventDefault();
    show(anchor);
  });
})();
