#!/usr/bin/env python3
"""Browser test of the CTriage web UI (issue #7) in a real headless Chromium.

Starts `ctriage serve --demo` on a throwaway state directory and port, drives Chromium through chromedriver
with the W3C WebDriver HTTP protocol (standard library only, no Selenium), and checks each role's pages:
login, worklist with live updates, Read next, signing, blind reading, vitals with the server's validation
message and the route change, the dashboard charts. Saves a screenshot of every page.

    python3 Scripts/browser_test.py --binary .build/debug/ctriage --out .build/test-output/screenshots

Exit status 0 when every check passed, 1 otherwise.
"""

import argparse
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in Scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Checks, WebDriver  # noqa: E402

DEMO = {
    "radiologist": ("rad.ivanova", "radiologist-demo"),
    "second_radiologist": ("rad.petrov", "radiologist-demo"),
    "staff": ("staff.north", "staff-demo-2020"),
    "admin": ("admin", "admin-demo-2020"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(base, process, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except Exception:
            pass
        time.sleep(0.5)
    return False


def api_claim(base, name, password):
    """Changes the queue from outside the browser: another radiologist claims through the JSON API."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = urllib.request.Request(base + "/api/v1/session", method="POST",
                                   data=json.dumps({"name": name, "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    with opener.open(login, timeout=10) as response:
        csrf = json.loads(response.read())["csrf_token"]
    claim = urllib.request.Request(base + "/api/v1/worklist/claim", method="POST", data=b"",
                                   headers={"X-CSRF-Token": csrf})
    with opener.open(claim, timeout=10) as response:
        return response.status


def open_event_stream(base, name, password):
    """An open /events response, as a worklist page holds one, read up to its first event."""
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = urllib.request.Request(base + "/api/v1/session", method="POST",
                                       data=json.dumps({"name": name, "password": password}).encode(),
                                       headers={"Content-Type": "application/json"})
        opener.open(login, timeout=10).read()
        stream = opener.open(base + "/events", timeout=30)
        stream.readline()
        return stream
    except Exception as error:
        print(f"  note: could not open an event stream ({error})", flush=True)
        return None


def sign_in(driver, base, role):
    name, password = DEMO[role]
    driver.go(base + "/login")
    driver.type("#name", name)
    driver.type("#password", password)
    driver.click("form[action='/login'] button[type=submit]")


def sign_out(driver):
    driver.click("form.logout button[type=submit]")


def run(args, checks, base, driver, shots):
    def shot(name):
        path = os.path.join(shots, name + ".png")
        driver.screenshot(path)
        print(f"  screenshot {path}", flush=True)

    print("login page", flush=True)
    driver.go(base + "/worklist")
    checks.check(driver.url().endswith("/login"), "signed out, /worklist leads to /login")
    checks.check(driver.exists("label[for=name]") and driver.exists("label[for=password]"), "login fields have labels")
    shot("login")
    driver.type("#name", "rad.ivanova")
    driver.type("#password", "wrong-password")
    driver.click("form[action='/login'] button[type=submit]")
    checks.check(driver.wait(lambda: driver.exists("#login-error")), "a wrong password shows the server's message")

    print("radiologist: worklist", flush=True)
    sign_in(driver, base, "radiologist")
    checks.check(driver.wait(lambda: driver.url().endswith("/worklist")), "a radiologist lands on the worklist")
    # The demo queue fills at start-up; estimates arrive while the workers run.
    driver.wait(lambda: driver.script("return document.querySelectorAll('#worklist-rows tr[data-study]').length") > 0, 30)
    rows = driver.script("return document.querySelectorAll('#worklist-rows tr[data-study]').length")
    checks.check(rows > 0, f"the worklist lists the demo studies ({rows} rows)")
    estimated = lambda: driver.script(
        "return Array.from(document.querySelectorAll('#worklist-rows td:nth-child(4)')).some(td => td.textContent.includes('(estimator)'))")
    if not driver.wait(estimated, args.estimate_wait):
        print("  note: no estimate yet; continuing with unestimated studies", flush=True)
    checks.check(driver.exists("#worklist-rows .badge"), "rows carry tier badges")
    checks.check(driver.wait(lambda: driver.text("#live-status") != "", 10), "the live-update stream connected")
    shot("worklist")

    print("radiologist: live update", flush=True)
    before = driver.attribute("#worklist-rows", "data-updates")
    status = api_claim(base, *DEMO["second_radiologist"])
    checks.check(status == 200, "another radiologist claims through the API")
    checks.check(driver.wait(lambda: driver.attribute("#worklist-rows", "data-updates") not in (None, before), 15),
                 "the worklist table reloads by itself (Server-Sent Events)")
    checks.check(driver.wait(lambda: driver.exists("#worklist-rows tr.claimed"), 15), "the claimed study shows as being read")

    print("radiologist: read next and sign", flush=True)
    driver.click("#read-next")
    checks.check(driver.wait(lambda: "/studies/" in driver.url()), "Read next opens the claimed study")
    checks.check(driver.exists("#reading-form"), "the reading form is bound to the lease")
    first = driver.text(".countdown")
    checks.check(driver.wait(lambda: driver.text(".countdown") != first, 5), "the lease countdown runs")
    checks.check(driver.exists("table.figures") and driver.exists("#route-h"), "per-lung figures and the route are shown")
    shot("study")
    driver.click("input[name=category][value='CT-2']")
    driver.type("#findings", "Bilateral ground-glass opacities, browser test")
    signed_study = driver.url().split("?")[0]
    driver.click("#sign")
    checks.check(driver.wait(lambda: driver.exists("#notice")), "signing confirms")
    checks.check("browser test" in driver.text("#readings"), "after signing the reading is listed")
    checks.check(not driver.exists("#reading-form"), "the form is gone once signed")
    shot("study-signed")

    print("radiologist: an estimated study", flush=True)
    driver.go(base + "/worklist")
    estimated_link = driver.script("""
        var row = Array.from(document.querySelectorAll('#worklist-rows tr[data-study]'))
            .find(r => r.children[3].textContent.includes('(estimator)'));
        return row ? row.querySelector('a').getAttribute('href') : null;""")
    if checks.check(estimated_link is not None, "an estimated study is in the queue"):
        driver.go(base + estimated_link)
        checks.check(driver.exists(".key-images img"), "its page shows key images")
        loaded = driver.wait(lambda: driver.script(
            "return Array.from(document.querySelectorAll('.key-images img')).every(i => i.complete && i.naturalWidth > 0)"), 10)
        checks.check(loaded, "key images load through the API with the session cookie")
        checks.check("%" in driver.text("table.figures"), "per-lung involvement figures are filled in")
        shot("study-estimated")

    print("keyboard", flush=True)
    driver.go(base + "/worklist")
    driver.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": [
        {"type": "keyDown", "value": "\ue004"}, {"type": "keyUp", "value": "\ue004"}]}]})
    focused = driver.script("return document.activeElement && document.activeElement.className")
    checks.check(focused == "skip", "Tab reaches the skip link first")
    sign_out(driver)
    checks.check(driver.wait(lambda: driver.url().endswith("/login")), "sign out returns to the login page")

    print("clinic staff: vitals", flush=True)
    sign_in(driver, base, "staff")
    checks.check(driver.wait(lambda: driver.url().endswith("/clinic")), "clinic staff land on today's studies")
    checks.check(driver.exists("#clinic-studies tr[data-study]"), "today's studies of the clinic are listed")
    shot("clinic")
    target = driver.script("""
        var row = Array.from(document.querySelectorAll('#clinic-studies tr[data-study]'))
            .find(r => !r.classList.contains('emergency-row'));
        return row ? row.getAttribute('data-study') : null;""")
    checks.check(target is not None, "a study without an emergency route exists")
    driver.go(f"{base}/clinic/studies/{target}")
    route_before = driver.text("#route-words")
    tier_before = driver.text("#route-tier")
    checks.check(driver.exists("#spo2-hint") and "%" in driver.text("#spo2-hint"), "the SpO2 field has a unit hint")
    driver.type("#spo2", "150")
    driver.click("#save-vitals")
    checks.check(driver.wait(lambda: driver.exists("#form-error")), "an implausible SpO2 is refused")
    checks.check("outside the accepted range" in driver.text("#form-error"), "with the server's validation message")
    shot("vitals-error")
    driver.type("#temperature_c", "39.4")
    driver.type("#respiratory_rate", "32")
    driver.type("#spo2", "88")
    driver.click("input[name=respiratory_failure]")
    driver.click("#save-vitals")
    checks.check(driver.wait(lambda: driver.exists("#notice")), "the vitals are saved")
    route_after, tier_after = driver.text("#route-words"), driver.text("#route-tier")
    checks.check(route_after != route_before or tier_after != tier_before,
                 f"the route changes ({tier_before} -> {tier_after})")
    checks.check(driver.exists("#emergency-banner"), "an emergency route shows the warning banner")
    shot("vitals")
    driver.resize(820, 1180)
    driver.go(base + "/clinic")
    overflow = driver.script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    checks.check(overflow, "the clinic page fits a tablet width without sideways scrolling")
    shot("clinic-tablet")
    driver.resize(args.width, args.height)
    sign_out(driver)

    print("second radiologist: blind reading", flush=True)
    sign_in(driver, base, "second_radiologist")
    driver.wait(lambda: driver.url().endswith("/worklist"))
    driver.go(signed_study)
    if driver.exists("#blind-notice"):
        checks.check("browser test" not in driver.script("return document.body.textContent"),
                     "a second reader does not see the first reading before signing")
        shot("study-blind")
    else:
        checks.check(driver.exists("#readings"), "a study needing no second reading shows its reading")
    driver.go(base + "/admin")
    checks.check(driver.url().endswith("/worklist"), "a radiologist cannot open the dashboard")
    sign_out(driver)

    print("administrator: dashboard", flush=True)
    sign_in(driver, base, "admin")
    checks.check(driver.wait(lambda: driver.url().endswith("/admin")), "an administrator lands on the dashboard")
    charts = driver.script("return document.querySelectorAll('svg.chart').length")
    checks.check(charts == 3, f"the dashboard draws three charts ({charts})")
    checks.check(driver.exists("#chart-daily svg path.series-p50") or driver.exists("#chart-daily svg circle"),
                 "the daily chart has a p50 point after the signed reading")
    checks.check(driver.exists("#figure-backlog") and driver.exists("#figure-coverage"), "backlog and coverage are shown")
    checks.check(driver.exists("a[href='/api/v1/stats/turnaround?format=csv&group_by=clinic']"), "CSV export links")
    shot("admin")
    driver.type("#clinic-code", "DEMO-E")
    driver.type("#clinic-name", "Demo CT centre East")
    driver.click("#clinic-form button[type=submit]")
    checks.check(driver.wait(lambda: "DEMO-E" in driver.text("#clinics")), "an administrator adds a clinic")
    sign_out(driver)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/ctriage")
    parser.add_argument("--out", default=".build/test-output/screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--estimate-wait", type=float, default=120, help="seconds to wait for a first estimate")
    args = parser.parse_args()

    for path, what in [(args.binary, "ctriage (swift build)"), (args.chromium, "chromium (make install)"),
                       (args.chromedriver, "chromedriver (make install)")]:
        if not os.access(path, os.X_OK):
            print(f"browser test: {path} missing: {what}", file=sys.stderr)
            return 1
    os.makedirs(args.out, exist_ok=True)
    # Not created here: ctriage makes it with the permissions its embedded PostgreSQL needs.
    state = os.path.join(tempfile.gettempdir(), "ctriage-browser-" + os.urandom(4).hex())
    log_path = os.path.join(tempfile.gettempdir(), os.path.basename(state) + ".log")
    port, driver_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CTRIAGE_DATABASE_URL")}
    checks = Checks()
    log = open(log_path, "w")
    server = subprocess.Popen([args.binary, "serve", "--demo", "--state-dir", state, "--port", str(port), "--log-level", "info"],
                              stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment)
    chromedriver = None
    driver = None
    try:
        if not wait_for_health(base, server):
            checks.check(False, "ctriage serve --demo answers /health")
            return 1
        chromedriver = subprocess.Popen([args.chromedriver, f"--port={driver_port}"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{driver_port}/status", timeout=2):
                    break
            except Exception:
                time.sleep(0.2)
        driver = WebDriver(driver_port, args.chromium, args.width, args.height)
        run(args, checks, base, driver, args.out)
    except Exception as error:  # a broken step fails the test with its reason, never silently
        checks.check(False, f"the browser run completed ({error})")
    finally:
        if driver:
            driver.quit()
        if chromedriver:
            chromedriver.terminate()
            chromedriver.wait(10)
        stream = open_event_stream(base, *DEMO["admin"]) if server.poll() is None else None
        server.send_signal(signal.SIGINT)
        if stream is not None:
            # The stream would run for its full minute; on shutdown it ends at its first poll after the HTTP
            # server is told to stop (the service group first lets the estimation workers finish their study).
            stopped = time.time()
            try:
                stream.read()
            except Exception:
                pass
            checks.check(time.time() - stopped < 30, "shutting down ends an open live-update stream well before its minute")
            stream.close()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(state, ignore_errors=True)
    print(f"browser test: {checks.passed} checks passed, {len(checks.failed)} failed", flush=True)
    if checks.failed:
        print("failed: " + "; ".join(checks.failed), file=sys.stderr)
        print(f"server log: {log_path}", file=sys.stderr)
        return 1
    os.remove(log_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
