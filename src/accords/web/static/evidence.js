// The evidence in a report: a click on a highlight (or Enter on it) opens a card that says
// which field of which event its words say, with the event's gist and a link to it, and
// marks every other highlight of that event. Data comes from a JSON script element written
// by the server beside each text; the card is built as text nodes, never as HTML.
(function () {
  "use strict";
  var card = null;

  function data(text) {
    var holder = text.nextElementSibling;
    while (holder && !holder.classList.contains("evidence-events")) {
      holder = holder.nextElementSibling;
    }
    return holder ? JSON.parse(holder.textContent) : { events: {}, labels: {} };
  }

  function said(mark) {
    return (mark.getAttribute("data-says") || "").split(" ").filter(Boolean).map(function (item) {
      var at = item.indexOf(":");
      return { event: item.slice(0, at), kind: item.slice(at + 1) };
    });
  }

  function line(parent, tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    parent.appendChild(element);
    return element;
  }

  function close() {
    if (card) {
      card.remove();
      card = null;
    }
    document.querySelectorAll("mark.ev-chosen").forEach(function (mark) {
      mark.classList.remove("ev-chosen");
    });
  }

  function open(mark) {
    close();
    var text = mark.closest(".article-text");
    var known = data(text);
    card = document.createElement("div");
    card.className = "evidence-card";
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", "What this evidence says");
    card.lang = "en";
    card.dir = "ltr";
    var chosen = {};
    var groups = [];
    said(mark).forEach(function (item) {
      if (!chosen[item.event]) {
        chosen[item.event] = [];
        groups.push(item.event);
      }
      chosen[item.event].push(item.kind);
    });
    groups.forEach(function (id) {
      var entry = line(card, "div", "", "evidence-says");
      chosen[id].forEach(function (kind, index) {
        if (index > 0) {
          line(entry, "span", ", ");
        }
        line(entry, "span", known.labels[kind] || kind, "evidence-field");
      });
      if (!id) {
        return;
      }
      var event = known.events[id];
      line(entry, "span", " of ");
      var link = line(entry, "a", "event " + id);
      link.href = "/events/" + encodeURIComponent(id);
      if (event) {
        line(entry, "span", " · " + event.type + " " + event.countries.join("–"), "mode");
        line(entry, "p", event.gist, "evidence-gist");
      }
    });
    var shut = line(card, "button", "×", "evidence-close");
    shut.type = "button";
    shut.setAttribute("aria-label", "Close");
    shut.addEventListener("click", close);
    text.querySelectorAll("mark.evidence").forEach(function (other) {
      if (said(other).some(function (item) { return item.event && chosen[item.event]; })) {
        other.classList.add("ev-chosen");
      }
    });
    document.body.appendChild(card);
    var box = mark.getBoundingClientRect();
    var width = Math.min(card.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    card.style.left = left + window.scrollX + "px";
    card.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest(".article-text mark.evidence");
    if (mark) {
      open(mark);
    } else if (card && !card.contains(event.target)) {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest(".article-text mark.evidence");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      open(mark);
    } else if (event.key === "Escape") {
      close();
    }
  });
})();
