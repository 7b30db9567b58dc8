"""Headless Chromium driven through the DevTools protocol on a pipe
(--remote-debugging-pipe: commands on fd 3, answers on fd 4, each a JSON
text ending in NUL), with nothing but the standard library: set the
viewport, open a page, evaluate JavaScript in it, take a screenshot.

    with Browser(tmp) as b:
        b.open("file:///x/index.html", width=390)
        b.eval("document.title")
        b.screenshot("out.png")
"""
import base64
import json
import os
import subprocess

CHROMIUM = os.environ.get("AP_CHROMIUM", "/usr/bin/chromium")


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, tmp, timeout=60):
        self.tmp = tmp
        self.timeout = timeout
        self.next_id = 0
        self.buf = b""
        self.events = []

    def __enter__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--font-render-hinting=none",
             "--remote-debugging-pipe",
             "--user-data-dir=" + os.path.join(self.tmp, "chromium-profile"),
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=self.tmp))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        target = self.call("Target.createTarget", {"url": "about:blank"})
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target["targetId"],
                                  "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        return self

    def __exit__(self, *exc):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)

    def _read(self):
        import select
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.from_chrome], [], [], self.timeout)
            if not ready:
                raise BrowserError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise BrowserError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def _wait_event(self, name):
        for i, m in enumerate(self.events):
            if m.get("method") == name:
                del self.events[:i + 1]
                return m
        while True:
            m = self._read()
            if m.get("method") == name:
                return m
            self.events.append(m)

    def open(self, url, width=1280, height=900):
        """Opens url in a viewport of width x height CSS pixels and waits
        until it has loaded and its fonts are ready."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": False}, session=True)
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self._wait_event("Page.loadEventFired")
        self.eval("document.fonts.ready.then(() => true)", promise=True)

    def eval(self, expression, promise=False):
        r = self.call("Runtime.evaluate",
                      {"expression": expression, "returnByValue": True,
                       "awaitPromise": promise}, session=True)
        if "exceptionDetails" in r:
            raise BrowserError(f"{expression[:60]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            size = self.eval("[document.documentElement.scrollWidth,"
                             " document.documentElement.scrollHeight]")
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": size[0],
                              "height": min(size[1], 4000), "scale": 1}
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
