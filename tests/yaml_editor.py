"""Talk to the real editor clients: yaml-language-server over LSP (stdio) and ajv in Node.

VS Code's YAML extension runs yaml-language-server; what it reports is what board
staff see while typing. ajv is the reference JSON Schema validator in JavaScript,
whose regular expressions use ECMAScript's unicode mode. Both are pinned in
tests/browser/package.json (installed by `make test`).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "browser" / "node_modules"
SERVER = NODE_MODULES / "yaml-language-server" / "bin" / "yaml-language-server"
AJV_SCRIPT = ROOT / "tests" / "browser" / "schema_check.mjs"


def available() -> bool:
    return shutil.which("node") is not None and SERVER.exists() and (NODE_MODULES / "ajv").exists()


def ajv_check(schema: Path, files: list[Path]) -> dict[str, Any]:
    """Compile `schema` with ajv (unicode regular expressions) and validate each YAML file (YAML 1.2)."""
    done = subprocess.run(
        ["node", str(AJV_SCRIPT), str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"ajv: {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


class LanguageServer:
    """yaml-language-server in a child process, with the project's schemas mapped as an editor would."""

    def __init__(self, schemas: dict[Path, list[str]]) -> None:
        self.settings = {
            "yaml": {
                "validate": True,
                "completion": True,
                "hover": True,
                "schemaStore": {"enable": False},
                "schemas": {path.as_uri(): globs for path, globs in schemas.items()},
            }
        }
        self.proc = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        self.inbox: queue.Queue[dict] = queue.Queue()
        self.diagnostics: dict[str, list[dict]] = {}
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict, seconds: float = 60) -> Any:
        self.ids += 1
        wanted = self.ids
        self._send({"id": wanted, "method": method, "params": params})
        return self._until(lambda m: m.get("id") == wanted and "method" not in m, seconds).get("result")

    def _until(self, done, seconds: float) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            elif "id" in message and "method" in message:  # the server asks us: answer like an editor
                items = message.get("params", {}).get("items", [])
                answer = [self.settings.get(i.get("section", ""), None) for i in items] if items else None
                self._send({"id": message["id"], "result": answer})
            if done(message):
                return message
        raise TimeoutError("yaml-language-server did not answer in time")

    def _did_open(self, path: Path, text: str | None = None) -> str:
        """Tell the server the editor opened `path` (with `text`, or the file's); return its URI."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        content = path.read_text(encoding="utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": content}},
        )
        return uri

    def open(self, path: Path, text: str | None = None) -> list[dict]:
        """Open `path` as an editor does; return its diagnostics once the server has validated it."""
        uri = self._did_open(path, text)
        self._until(lambda m: uri in self.diagnostics, 60)
        return self.diagnostics[uri]

    def open_all(self, paths: list[Path]) -> dict[str, list[dict]]:
        """Open every file at once, as an editor restoring its tabs; return each one's diagnostics (by URI)."""
        uris = [self._did_open(path) for path in paths]
        self._until(lambda m: all(uri in self.diagnostics for uri in uris), 120)
        return {uri: self.diagnostics[uri] for uri in uris}

    def complete(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, seconds=10)
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except (TimeoutError, subprocess.TimeoutExpired, OSError):
            self.proc.kill()
