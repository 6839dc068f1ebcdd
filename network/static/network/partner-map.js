/* Partner map: a progressive enhancement of the partner list.
 * Without JavaScript the list is complete. With it, a map of Europe shows one marker per listed
 * partner. The map repeats the list, so it is hidden from assistive technology and its markers
 * are not tab stops; pointer users can click a marker to open the profile. */
(function () {
  "use strict";
  var container = document.querySelector("[data-partner-map]");
  if (!container || !window.fetch || !window.DOMParser) { return; }
  var items = document.querySelectorAll("[data-partner-lat]");
  if (!items.length) { return; }
  var svgNS = "http://www.w3.org/2000/svg";

  fetch(container.getAttribute("data-land"), { credentials: "omit" })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (text) {
      var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
      var west = parseFloat(svg.getAttribute("data-west"));
      var north = parseFloat(svg.getAttribute("data-north"));
      var scale = parseFloat(svg.getAttribute("data-scale"));
      var xFactor = parseFloat(svg.getAttribute("data-x-factor"));
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      svg.setAttribute("class", "partner-map__svg");
      Array.prototype.forEach.call(items, function (item) {
        var lat = parseFloat(item.getAttribute("data-partner-lat"));
        var lon = parseFloat(item.getAttribute("data-partner-lon"));
        if (isNaN(lat) || isNaN(lon)) { return; }
        var link = document.createElementNS(svgNS, "a");
        link.setAttribute("href", item.getAttribute("data-partner-url"));
        link.setAttribute("tabindex", "-1");
        var marker = document.createElementNS(svgNS, "circle");
        marker.setAttribute("cx", ((lon - west) * scale * xFactor).toFixed(1));
        marker.setAttribute("cy", ((north - lat) * scale).toFixed(1));
        marker.setAttribute("r", "7");
        marker.setAttribute("class", "partner-map__marker");
        var title = document.createElementNS(svgNS, "title");
        title.textContent = item.getAttribute("data-partner-name");
        marker.appendChild(title);
        link.appendChild(marker);
        svg.appendChild(link);
      });
      container.appendChild(document.importNode(svg, true));
      container.hidden = false;
    })
    .catch(function () { /* the list already shows every partner */ });
})();
