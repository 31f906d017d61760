import Hummingbird

/// The stylesheet and the one small script, served by the daemon itself (no CDN, no build step).
struct WebAssets {
    func register(with router: Router<AppRequestContext>) {
        router.get("static/app.css") { _, _ in Self.asset(Self.css, type: "text/css; charset=utf-8") }
        router.get("static/app.js") { _, _ in Self.asset(Self.script, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Live worklist rows (Server-Sent Events) and the lease countdown; every page works without it.
    static let script = """
        "use strict";
        (function () {
          var live = document.body.getAttribute("data-live");
          var rows = document.getElementById("worklist-rows");
          var status = document.getElementById("live-status");
          if (live && rows && window.EventSource) {
            var updates = 0;
            var refresh = function () {
              fetch("/worklist/rows", { credentials: "same-origin" }).then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.text();
              }).then(function (html) {
                rows.innerHTML = html;
                updates += 1;
                rows.setAttribute("data-updates", String(updates));
                var count = document.getElementById("queue-count");
                if (count) { count.textContent = String(rows.querySelectorAll("tr[data-study]").length); }
                if (status) { status.textContent = "Updated " + new Date().toLocaleTimeString(); }
              }).catch(function () {
                if (status) { status.textContent = "Live updates paused; reload the page."; }
              });
            };
            var source = new EventSource(live);
            source.addEventListener("queue", refresh);
            source.addEventListener("hello", function () { if (status) { status.textContent = "Live"; } });
          }
          var countdowns = document.querySelectorAll(".countdown[data-seconds]");
          Array.prototype.forEach.call(countdowns, function (element) {
            var end = Date.now() + 1000 * Number(element.getAttribute("data-seconds"));
            var tick = function () {
              var left = Math.max(0, Math.round((end - Date.now()) / 1000));
              var minutes = Math.floor(left / 60), seconds = left % 60;
              element.textContent = left > 0 ? minutes + ":" + (seconds < 10 ? "0" : "") + seconds + " left" : "expired: claim the study again";
              if (left <= 60) { element.classList.add("late"); }
              if (left > 0) { setTimeout(tick, 1000); }
            };
            tick();
          });
        })();
        """

    /// High contrast (text at least 7:1 on the backgrounds used), visible focus, tables that scroll on a tablet.
    static let css = """
        :root { --fg: #111; --muted: #444; --bg: #f4f5f7; --card: #fff; --line: #c8ccd2; --accent: #0b4f9c;
                --p0: #b00020; --p1: #c2410c; --p2: #92400e; --p3: #1e40af; --p4: #166534; --p5: #374151; --late: #b00020; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
        .skip:focus { left: .5rem; z-index: 10; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .5rem 1rem; background: #102a43; color: #fff; }
        header.top a { color: #fff; margin-right: 1rem; font-weight: 600; }
        .brand { font-weight: 700; font-size: 1.2rem; }
        .logout { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
        main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
        main.wide { max-width: 1400px; }
        h1 { font-size: 1.5rem; margin: .25rem 0; } h2 { font-size: 1.15rem; margin-top: 0; }
        .page-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 1rem; }
        .meta { color: var(--muted); margin: 0 0 .5rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; }
        .study-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1rem; }
        .charts figure { margin: 0; }
        .table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #e6e9ee; } caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; min-width: 2.5rem; text-align: center; padding: .1rem .45rem; border-radius: 4px; color: #fff; font-weight: 700; }
        .badge.tier-p0 { background: var(--p0); font-size: 1.1rem; box-shadow: 0 0 0 3px #fecdd3; }
        .badge.tier-p1 { background: var(--p1); } .badge.tier-p2 { background: var(--p2); } .badge.tier-p3 { background: var(--p3); }
        .badge.tier-p4 { background: var(--p4); } .badge.tier-p5 { background: var(--p5); }
        tr.tier-p0 { background: #fff1f2; } tr.tier-p0 td:first-child { border-left: 6px solid var(--p0); }
        tr.overdue td { font-weight: 600; } .late { color: var(--late); font-weight: 700; }
        tr.claimed { color: var(--muted); }
        .emergency-mark { color: var(--p0); font-weight: 700; text-transform: uppercase; font-size: .8rem; }
        .flag { display: inline-block; background: #fef3c7; border: 1px solid #92400e; color: #5b2a05; border-radius: 3px; padding: 0 .3rem; font-size: .85rem; }
        .second { background: #ede9fe; border: 1px solid #5b21b6; color: #3b0f80; border-radius: 3px; padding: 0 .3rem; font-weight: 600; }
        .alert { background: #fde8ea; border: 2px solid var(--p0); color: #5f0010; padding: .75rem 1rem; border-radius: 6px; font-weight: 600; }
        .alert.emergency { font-size: 1.1rem; }
        .notice { background: #e7f0fb; border: 1px solid var(--accent); padding: .6rem 1rem; border-radius: 6px; }
        .empty { text-align: center; color: var(--muted); padding: 2rem; }
        label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
        label.choice { font-weight: 400; margin: .25rem 0; }
        input, select, textarea { font: inherit; padding: .45rem; border: 1px solid #6b7280; border-radius: 4px; width: 100%; max-width: 32rem; }
        input[type=checkbox], input[type=radio] { width: auto; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0; }
        button, .button { font: inherit; padding: .5rem 1rem; border: 1px solid #1f2937; border-radius: 4px; background: #fff; color: var(--fg);
                          cursor: pointer; text-decoration: none; display: inline-block; min-height: 44px; }
        button.primary { background: var(--accent); color: #fff; border-color: var(--accent); font-weight: 700; }
        .lease-actions { display: flex; gap: .5rem; margin-top: .75rem; }
        .login { max-width: 24rem; margin: 3rem auto; }
        .login button { margin-top: 1rem; }
        .key-images { display: flex; flex-wrap: wrap; gap: .5rem; }
        .key-images figure { margin: 0; flex: 1 1 45%; } .key-images img { background: #000; width: 100%; height: auto; }
        .key-images figcaption { font-size: .8rem; color: var(--muted); }
        .figures-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: .75rem; margin: 0 0 1rem; }
        .figure { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
        .figure dt { color: var(--muted); font-size: .9rem; } .figure dd { margin: 0; font-size: 1.2rem; font-weight: 700; }
        .figure.warn { border: 2px solid var(--late); }
        .vitals-form .field { margin-bottom: .4rem; } .vitals-form small { color: var(--muted); }
        .trace { font-family: ui-monospace, monospace; font-size: .85rem; }
        svg.chart { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
        svg .grid { stroke: #d5d9de; } svg .tick, svg .legend, svg .unit { fill: #333; }
        svg .line { stroke-width: 2.5; } svg .target { stroke: var(--late); stroke-dasharray: 6 4; }
        svg .series-p50 { stroke: #0b4f9c; fill: #0b4f9c; } svg .series-p90 { stroke: #c2410c; fill: #c2410c; }
        svg path.series-p50, svg path.series-p90 { fill: none; } svg .series-sla { fill: #166534; }
        @media (max-width: 1000px) { .study-grid, .charts { grid-template-columns: 1fr; } main { padding: .5rem; } .logout { margin-left: 0; } }
        """
}
