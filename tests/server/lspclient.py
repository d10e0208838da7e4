"""A small LSP client: JSON-RPC with Content-Length framing over the pipes of a real
``tqkit server`` subprocess. Every byte the server writes to stdout must parse as a message."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class ProtocolViolation(AssertionError):
    pass


class LspClient:
    def __init__(self, cwd: Path | None = None) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, *os.environ.get("TQKIT_TEST_PY_ARGS", "").split(), "-m", "tqkit", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd or ROOT,
            env=env,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.stderr = b""
        self._next = 0
        self._cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    # -- transport -------------------------------------------------------------------------------

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for chunk in iter(lambda: self.proc.stderr.read1(65536), b""):  # type: ignore[union-attr]
            self.stderr += chunk

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                if not line.endswith(b"\r\n") or b":" not in line:
                    self.errors.append(f"not an LSP header on stdout: {line[:80]!r}")
                    continue
                k, v = line.decode("ascii").split(":", 1)
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            try:
                msg = json.loads(body)
            except ValueError:
                self.errors.append(f"body is not JSON: {body[:80]!r}")
                continue
            with self._cond:
                if "id" in msg and "method" not in msg:
                    self.responses[msg["id"]] = msg
                elif "method" in msg and "id" in msg:  # a request from the server: answer null
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                else:
                    self.notifications.append(msg)
                self._cond.notify_all()

    def send_raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    # -- JSON-RPC --------------------------------------------------------------------------------

    def request_async(self, method: str, params: Any = None) -> int:
        self._next += 1
        msg: dict[str, Any] = {"jsonrpc": "2.0", "id": self._next, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self._next

    def wait_response(self, msg_id: int | None, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while msg_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no response to {msg_id}; stderr: {self.stderr[-2000:]!r}")
                self._cond.wait(left)
            return self.responses.pop(msg_id)

    def request(self, method: str, params: Any = None, timeout: float = 30) -> Any:
        resp = self.wait_response(self.request_async(method, params), timeout)
        if "error" in resp:
            raise RuntimeError(resp["error"])
        return resp.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_diagnostics(
        self, uri: str, version: int | None = None, timeout: float = 30, after: int = 0
    ) -> tuple[dict[str, Any], float]:
        """The first publishDiagnostics for ``uri`` (and ``version``) among notifications
        from index ``after`` on, and the monotonic time it arrived."""
        deadline = time.monotonic() + timeout
        with self._cond:
            i = after
            while True:
                while i < len(self.notifications):
                    n = self.notifications[i]
                    i += 1
                    if n.get("method") != "textDocument/publishDiagnostics":
                        continue
                    p = n["params"]
                    if p["uri"] == uri and (version is None or p.get("version") == version):
                        return p, time.monotonic()
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no diagnostics for {uri} v{version}; stderr: {self.stderr[-2000:]!r}")
                self._cond.wait(left)

    # -- LSP -------------------------------------------------------------------------------------

    def initialize(self, root: Path, options: dict[str, Any] | None = None) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                },
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language: str = "plaintext") -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )

    def close(self) -> int:
        try:
            if self.proc.poll() is None:
                self.request("shutdown", timeout=10)
                self.notify("exit")
            return self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
            raise
        finally:
            if self.errors:
                raise ProtocolViolation("; ".join(self.errors))


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def lsp_position(text: str, offset: int) -> dict[str, int]:
    """The LSP (UTF-16) position of a code-point offset, computed independently of the server."""
    before = text[:offset]
    line = before.count("\n")
    col = utf16_len(before[before.rfind("\n") + 1 :])
    return {"line": line, "character": col}


def apply_text_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP TextEdits (UTF-16 ranges) to ``text``, as an editor would."""
    lines = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        before = sum(len(x) + 1 for x in lines[: pos["line"]])
        line = lines[pos["line"]]
        units = i = 0
        while i < len(line) and units < pos["character"]:
            units += utf16_len(line[i])
            i += 1
        return before + i

    spans = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
