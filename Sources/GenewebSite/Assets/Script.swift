/// `/static/site.js`: optional comfort, never content. Pan and zoom on large charts (drag,
/// buttons, wheel with Ctrl) and the editing forms' suggestions as a place or a person is typed;
/// pages read and forms work the same without it.
public enum SiteScript {
    public static let javascript = """
        "use strict";
        (function () {
          function setUp(frame) {
            var svg = frame.querySelector("svg");
            if (!svg) { return; }
            var scale = 1, width = svg.width.baseVal.value, height = svg.height.baseVal.value;
            var bar = document.createElement("div");
            bar.className = "zoom-bar";
            [["+", 1.25], ["−", 0.8], ["1:1", 0]].forEach(function (item) {
              var button = document.createElement("button");
              button.type = "button";
              button.textContent = item[0];
              // The page gives the names in its language (data-zoom-in, -out, -reset).
              var names = frame.dataset;
              button.setAttribute("aria-label", item[1] === 0 ? (names.zoomReset || "1:1") : (item[1] > 1 ? (names.zoomIn || "+") : (names.zoomOut || "−")));
              button.addEventListener("click", function () { zoom(item[1] === 0 ? 1 / scale : item[1]); });
              bar.appendChild(button);
            });
            frame.parentNode.insertBefore(bar, frame);
            function zoom(factor) {
              scale = Math.min(4, Math.max(0.2, scale * factor));
              svg.setAttribute("width", String(Math.round(width * scale)));
              svg.setAttribute("height", String(Math.round(height * scale)));
            }
            frame.addEventListener("wheel", function (event) {
              if (!event.ctrlKey) { return; }
              event.preventDefault();
              zoom(event.deltaY < 0 ? 1.1 : 0.9);
            }, { passive: false });
            var dragging = null;
            frame.addEventListener("pointerdown", function (event) {
              if (event.target.closest && event.target.closest("a")) { return; }
              dragging = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
            });
            window.addEventListener("pointerup", function () { dragging = null; });
            frame.addEventListener("pointermove", function (event) {
              if (!dragging) { return; }
              frame.scrollLeft = dragging.left - (event.clientX - dragging.x);
              frame.scrollTop = dragging.top - (event.clientY - dragging.y);
            });
          }
          document.querySelectorAll("[data-pan-zoom]").forEach(setUp);

          // Editing forms: places and persons offered as they are typed, from /b/{base}/suggest,
          // as the field's list of choices (a datalist: the browser shows and picks them).
          var path = location.pathname.split("/");
          var base = path[1] === "b" && path[2] ? path[2] : null;
          document.querySelectorAll("input[data-suggest]").forEach(function (input, index) {
            if (!base) { return; }
            var list = document.createElement("datalist");
            list.id = "suggest-" + index;
            input.after(list);
            input.setAttribute("list", list.id);
            var timer = null, last = "";
            input.addEventListener("input", function () {
              clearTimeout(timer);
              timer = setTimeout(function () {
                var text = input.value.trim();
                if (text.length < 2 || text === last) { return; }
                last = text;
                var url = "/b/" + base + "/suggest?kind=" + input.dataset.suggest + "&q=" + encodeURIComponent(text);
                fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
                  .then(function (r) { return r.ok ? r.json() : []; })
                  .then(function (items) {
                    list.replaceChildren.apply(list, items.map(function (item) {
                      var option = document.createElement("option");
                      option.value = item.value;
                      option.label = item.label;
                      return option;
                    }));
                  })
                  .catch(function () {});
              }, 200);
            });
          });
        })();
        """
}
