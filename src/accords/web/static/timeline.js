// The timeline page: events per period, stacked by domain, with the vendored Chart.js; a
// bar opens the list of its events.
(function () {
  "use strict";
  var canvas = document.getElementById("timeline-chart");
  var source = document.getElementById("timeline-data");
  if (!canvas || !source || typeof Chart !== "function") {
    return;
  }
  var chart = JSON.parse(source.textContent);
  var datasets = chart.series.map(function (series) {
    return {
      label: series.domain.replace(/_/g, " "),
      domain: series.domain,
      data: series.counts,
      backgroundColor: series.colour,  // one colour a domain, on every page (web/timeline.py)
      stack: "events"
    };
  });
  function events(index, domain) {
    var period = chart.periods[index];
    var parts = [chart.query, "since=" + period.since, "until=" + period.until];
    if (domain && domain !== "none") {
      parts.push("domain=" + encodeURIComponent(domain));
    }
    return "/events?" + parts.filter(Boolean).join("&");
  }
  var drawn = new Chart(canvas, {
    type: "bar",
    data: { labels: chart.labels, datasets: datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
      },
      plugins: { legend: { position: "bottom" } },
      onClick: function (event, elements) {
        if (elements.length) {
          var hit = elements[0];
          window.location.href = events(hit.index, datasets[hit.datasetIndex].domain);
        }
      }
    }
  });
  canvas.setAttribute("data-drawn", String(chart.labels.length));
  canvas.setAttribute("data-bucket", chart.bucket);
  canvas.chart = drawn;
})();
