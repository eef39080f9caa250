// The network page: countries as nodes, pairs as edges weighted by shared events.
// Data comes from a JSON script element written by the server; labels are drawn on a
// canvas, never inserted as HTML.
(function () {
  "use strict";
  var holder = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof cytoscape !== "function") {
    return;
  }
  var graph = JSON.parse(source.textContent);
  var most = 1;
  graph.pairs.forEach(function (pair) { most = Math.max(most, pair.events); });
  var busiest = 1;
  graph.countries.forEach(function (country) { busiest = Math.max(busiest, country.events); });
  var elements = [];
  graph.countries.forEach(function (country) {
    elements.push({
      group: "nodes",
      data: {
        id: country.id,
        label: country.id,
        name: country.name,
        size: 18 + 30 * Math.sqrt(country.events / busiest)
      }
    });
  });
  graph.pairs.forEach(function (pair) {
    var a = pair.countries[0], b = pair.countries[1];
    elements.push({
      group: "edges",
      data: {
        id: a + "-" + b,
        source: a,
        target: b,
        events: pair.events,
        width: 1 + 11 * Math.log(1 + pair.events) / Math.log(1 + most)
      }
    });
  });
  var cy = cytoscape({
    container: holder,
    elements: elements,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "#2b6cb0",
          "label": "data(label)",
          "color": "#1a202c",
          "font-size": 11,
          "text-valign": "center",
          "text-halign": "center",
          "text-outline-color": "#fff",
          "text-outline-width": 2,
          "width": "data(size)",
          "height": "data(size)"
        }
      },
      {
        selector: "edge",
        style: {
          "width": "data(width)",
          "line-color": "#a0aec0",
          "curve-style": "haystack",
          "opacity": 0.8
        }
      },
      { selector: "edge:selected, edge.hover", style: { "line-color": "#c05621" } }
    ],
    layout: { name: elements.length > 400 ? "circle" : "cose", animate: false, randomize: false }
  });
  // the events behind a country or a line, with the filters the graph was drawn with
  var query = JSON.parse(document.getElementById("network-query").textContent);
  function events(codes) {
    var sides = codes.map(function (code) { return "with=" + encodeURIComponent(code); });
    return "/events?" + (query ? query + "&" : "") + sides.join("&");
  }
  cy.on("tap", "node", function (event) {
    window.location.href = events([event.target.id()]);
  });
  cy.on("tap", "edge", function (event) {
    var data = event.target.data();
    window.location.href = events([data.source, data.target]);
  });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
  holder.setAttribute("data-drawn", String(graph.countries.length));
})();
