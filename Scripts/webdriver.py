"""A minimal W3C WebDriver client (standard library only) and a check counter, for Scripts/browser_test.py."""

import base64
import json
import time
import urllib.error
import urllib.request


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print(f"  ok   {what}", flush=True)
        else:
            self.failed.append(what)
            print(f"  FAIL {what}", flush=True)
        return condition


class WebDriver:
    """The few W3C WebDriver commands the test needs."""

    def __init__(self, port, chromium, width, height):
        self.base = f"http://127.0.0.1:{port}"
        options = {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"],
        }
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "pageLoadStrategy": "normal"}}})
        self.session = value["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:500]
            raise RuntimeError(f"WebDriver {method} {path}: {error.code} {detail}") from None

    def cmd(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def url(self):
        return self.cmd("GET", "/url")

    def find(self, css):
        value = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(value.values()))

    def find_all(self, css):
        return [next(iter(v.values())) for v in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def exists(self, css):
        return len(self.find_all(css)) > 0

    def click(self, css):
        self.cmd("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css, text, clear=True):
        element = self.find(css)
        if clear:
            self.cmd("POST", f"/element/{element}/clear", {})
        self.cmd("POST", f"/element/{element}/value", {"text": text})

    def text(self, css):
        return self.cmd("GET", f"/element/{self.find(css)}/text")

    def attribute(self, css, name):
        return self.cmd("GET", f"/element/{self.find(css)}/attribute/{name}")

    def script(self, source, *args):
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def resize(self, width, height):
        self.cmd("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))

    def wait(self, condition, seconds=10, interval=0.25):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if condition():
                    return True
            except RuntimeError:
                pass
            time.sleep(interval)
        return False

    def quit(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        except Exception:
            pass
