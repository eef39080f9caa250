// The timeline page: events per month, stacked by domain, with the vendored Chart.js.
(function () {
  "use strict";
  var canvas = document.getElementById("timeline-chart");
  var source = document.getElementById("timeline-data");
  if (!canvas || !source || typeof Chart !== "function") {
    return;
  }
  var chart = JSON.parse(source.textContent);
  var palette = [
    "#2b6cb0", "#c05621", "#2f855a", "#b83280", "#6b46c1", "#d69e2e", "#319795", "#e53e3e",
    "#4a5568", "#805ad5", "#dd6b20", "#38a169", "#3182ce", "#d53f8c", "#718096", "#975a16",
    "#285e61", "#9b2c2c", "#44337a"
  ];
  var datasets = chart.series.map(function (series, index) {
    return {
      label: series.domain.replace(/_/g, " "),
      data: series.counts,
      backgroundColor: palette[index % palette.length],
      stack: "events"
    };
  });
  new Chart(canvas, {
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
      plugins: { legend: { position: "bottom" } }
    }
  });
  canvas.setAttribute("data-drawn", String(chart.labels.length));
})();
