"""The pygls language server (see :mod:`tqkit.server`)."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcParseError
from pygls.io_ import StdoutWriter, run_async
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.workspace import TextDocument

from tqkit import __version__
from tqkit.findings import Finding, Severity
from tqkit.registry import get_rule
from tqkit.review.edits import safe_fix_edits
from tqkit.server.checker import Checked, LiveChecker, Positions, ServerConfig, covering

log = logging.getLogger("tqkit.server")

DEBOUNCE = 0.025  # seconds of quiet after a change before checking
FIX_ALL = "source.fixAll.tqkit"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class _Dropped:
    """Stands for a message that could not be read (already answered with an error)."""

    jsonrpc = "dropped"


class TqkitProtocol(LanguageServerProtocol):
    """Answers what pygls only logs: a request whose parameters cannot be read."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except Exception as exc:
            if "method" in data and "id" in data:
                err = exc if isinstance(exc, JsonRpcInvalidParams) else JsonRpcInvalidParams()
                self._send_response(data["id"], error=err.to_response_error())
            log.warning("dropped a malformed message: %s", exc)
            return _Dropped()


class TqkitServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tqkit",
            __version__,
            protocol_cls=TqkitProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.checker = LiveChecker()
        self.results: dict[str, tuple[int | None, Positions, Checked]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.root: str | None = None
        self.frozen = False

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Bytes that are not JSON get a parse error (id null), as JSON-RPC asks."""
        if isinstance(error, ValueError | UnicodeDecodeError):  # json.JSONDecodeError included
            err = JsonRpcParseError()
            self.protocol._send_data(
                {"jsonrpc": "2.0", "id": None, "error": {"code": err.code, "message": err.message}}
            )
        log.error("%s", error)

    # -- checking ----------------------------------------------------------------------------

    def encoding(self) -> str:
        enc: Any = self.workspace.position_encoding if self.protocol._workspace is not None else None
        return str(getattr(enc, "value", enc) or "utf-16")

    def check_now(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        started = time.perf_counter()
        try:
            checked = self.checker.check(uri_path(uri), text)
        except Exception as exc:  # a rule bug must not take the editor's server down
            log.exception("checking %s failed", uri)
            checked = Checked(text, note=f"tqkit failed on this document: {exc}")
        log.info(
            "at %.3f checked %s (v%s): %d findings, %d paragraphs re-checked, %.0f ms",
            time.monotonic(),
            uri,
            version,
            len(checked.findings),
            checked.paragraphs_checked,
            1000 * (time.perf_counter() - started),
        )
        if not self.frozen:
            # the word lists, lexicons and rule data loaded by the first check live as long as
            # the server: keep them out of the garbage collector's full passes, which otherwise
            # land on a keystroke now and then and cost a third of a second
            self.frozen = True
            gc.collect()
            gc.freeze()
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # a newer change is on its way
        pos = Positions(checked.text, self.encoding())
        self.results[uri] = (version, pos, checked)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics(checked, pos))
        )

    def schedule(self, uri: str, delay: float) -> None:
        log.debug("change to %s at %.3f", uri, time.monotonic())
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()

        async def later() -> None:
            try:
                await asyncio.sleep(delay)
                self.check_now(uri)
            finally:
                if self.pending.get(uri) is task:
                    del self.pending[uri]

        task = asyncio.get_running_loop().create_task(later())
        self.pending[uri] = task

    def current(self, uri: str) -> tuple[Positions, Checked]:
        """Findings matching the document as it is now (checked again if they are stale)."""
        doc = self.workspace.get_text_document(uri)
        got = self.results.get(uri)
        if got is None or got[2].text != doc.source:
            self.check_now(uri)
            got = self.results.get(uri)
        if got is None:
            checked = self.checker.check(uri_path(uri), doc.source)
            return Positions(checked.text, self.encoding()), checked
        return got[1], got[2]


def uri_path(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return Path(unquote(parsed.path)).name or "untitled.txt"


def lsp_range(pos: Positions, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = pos.position(start), pos.position(end)
    return types.Range(types.Position(l1, c1), types.Position(l2, c2))


def diagnostic(f: Finding, pos: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(pos, f.span.start, f.span.end),
        message=f.message,
        severity=SEVERITY[f.severity],
        code=f.rule,
        source="tqkit",
        data={"name": f.name, "start": f.span.start, "end": f.span.end},
    )


def diagnostics(checked: Checked, pos: Positions) -> list[types.Diagnostic]:
    if checked.error is not None:
        line = max(0, (checked.error.line or 1) - 1)
        return [
            types.Diagnostic(
                range=types.Range(types.Position(line, 0), types.Position(line, 0)),
                message=f"tqkit cannot read this document: {checked.error.message}",
                severity=types.DiagnosticSeverity.Error,
                source="tqkit",
            )
        ]
    if checked.note is not None:
        return [
            types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=checked.note,
                severity=types.DiagnosticSeverity.Information,
                source="tqkit",
            )
        ]
    out = [diagnostic(f, pos) for f in checked.findings]
    bad = checked.text.find("\ufffd")
    if bad >= 0:
        out.append(
            types.Diagnostic(
                range=lsp_range(pos, bad, bad + 1),
                severity=types.DiagnosticSeverity.Warning,
                source="tqkit",
                message="The editor could not decode this file (U+FFFD replacement "
                "character); reopen it with the right encoding before trusting the findings.",
            )
        )
    return out


def text_edits(fix_edits: Any, pos: Positions) -> list[types.TextEdit]:
    return [types.TextEdit(range=lsp_range(pos, e.start, e.end), new_text=e.replacement) for e in fix_edits]


# The line starts of each open pygls document's text, kept between keystrokes (beside the
# document, not as an attribute on pygls's object).
_POSITIONS: weakref.WeakKeyDictionary[TextDocument, Positions] = weakref.WeakKeyDictionary()


def _apply_incremental_change(doc: TextDocument, change: types.TextDocumentContentChangePartial) -> None:
    """pygls applies an edit by splitting the whole document into lines (with
    ``str.splitlines``, which also breaks at U+2028, form feeds and other characters that are
    not LSP line ends) and joining them again: milliseconds per keystroke in a long article.
    This splices the text at the offsets of the edit's range, with LSP's own line ends."""
    text = doc.source
    cached = _POSITIONS.get(doc)
    if cached is None or cached.text is not text:
        enc = doc._position_codec.encoding
        cached = Positions(text, str(getattr(enc, "value", enc) or "utf-16"))
    start = cached.offset(change.range.start.line, change.range.start.character)
    end = max(start, cached.offset(change.range.end.line, change.range.end.character))
    after = cached.splice(start, end, change.text)
    doc._source = after.text  # pygls keeps the text there; it has no setter
    _POSITIONS[doc] = after


def _quick_fixes(uri: str, pos: Positions, checked: Checked, lo: int, hi: int) -> list[types.CodeAction]:
    """Every fix of the findings touching ``[lo, hi]``, the first safe one preferred."""
    actions: list[types.CodeAction] = []
    for f in covering(checked.findings, lo, hi):
        diag = diagnostic(f, pos)
        for i, fix in enumerate(f.fixes):
            title = f"{fix.title} ({f.rule}{'' if fix.safe else ', unsafe'})"
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix.safe and i == 0,
                    edit=types.WorkspaceEdit(changes={uri: text_edits(fix.edits, pos)}),
                )
            )
    return actions


def code_actions(ls: TqkitServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes at the range and, when asked, every safe fix at once (the review core's
    selection, as `tqkit check --fix` makes it)."""
    uri = params.text_document.uri
    pos, checked = ls.current(uri)
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    if not wanted or any(str(k).startswith("quickfix") or str(k) == "" for k in wanted):
        lo = pos.offset(params.range.start.line, params.range.start.character)
        hi = pos.offset(params.range.end.line, params.range.end.character)
        actions.extend(_quick_fixes(uri, pos, checked, lo, hi))
    if not wanted or any(str(k) in ("source", "source.fixAll", FIX_ALL) for k in wanted):
        _, edits = safe_fix_edits(checked.findings)
        if edits:
            actions.append(
                types.CodeAction(
                    title=f"tqkit: apply every safe fix ({len(edits)} edit{'s' * (len(edits) != 1)})",
                    kind=FIX_ALL,
                    edit=types.WorkspaceEdit(changes={uri: text_edits(edits, pos)}),
                )
            )
    return actions


def hover_at(ls: TqkitServer, params: types.HoverParams) -> types.Hover | None:
    """The findings under the cursor with their fixes and rule documentation."""
    pos, checked = ls.current(params.text_document.uri)
    at = pos.offset(params.position.line, params.position.character)
    found = [f for f in checked.findings if f.span.start <= at < max(f.span.end, f.span.start + 1)]
    if not found:
        return None
    parts = []
    for f in found:
        rule = get_rule(f.rule)
        fixes = "".join(f"\n- {'' if x.safe else '(unsafe) '}{x.title}" for x in f.fixes)
        parts.append(
            f"**{f.rule} {f.name}** ({f.severity.label})\n\n{f.message}"
            + (f"\n\nFixes:{fixes}" if fixes else "")
            + f"\n\n---\n\n{rule.doc()}"
        )
    f0 = found[0]
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, "\n\n".join(parts)),
        range=lsp_range(pos, f0.span.start, f0.span.end),
    )


def build_server() -> TqkitServer:
    TextDocument._apply_incremental_change = _apply_incremental_change  # type: ignore[method-assign,assignment]
    server = TqkitServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: TqkitServer, params: types.InitializeParams) -> None:
        root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
        ls.root = uri_path(root) if root else None
        ls.checker.configure(ServerConfig.from_json(params.initialization_options, ls.root))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: TqkitServer, params: types.DidChangeConfigurationParams) -> None:
        ls.checker.configure(ServerConfig.from_json(params.settings, ls.root))
        for uri in list(ls.workspace.text_documents):
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TqkitServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TqkitServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: TqkitServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TqkitServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]
        ),
    )
    def code_action(ls: TqkitServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: TqkitServer, params: types.HoverParams) -> types.Hover | None:
        return hover_at(ls, params)

    return server


class BufferedReader:
    """Reads stdin in large chunks (in a worker thread) and hands out lines and bodies from a
    buffer. pygls's own reader makes a thread round-trip per header line and per body: a
    burst of keystrokes then queues behind hundreds of thread switches."""

    def __init__(self, stream: BinaryIO, executor: Any) -> None:
        self.stream = stream
        self.executor = executor
        self.buf = bytearray()
        self.eof = False

    def _read(self) -> bytes:
        read1 = getattr(self.stream, "read1", None)
        return read1(1 << 20) if read1 is not None else self.stream.read(1)

    async def _fill(self) -> None:
        chunk = await asyncio.get_running_loop().run_in_executor(self.executor, self._read)
        if chunk:
            self.buf += chunk
        else:
            self.eof = True

    async def readline(self) -> bytes:
        while True:
            i = self.buf.find(b"\n")
            if i >= 0 or self.eof:
                end = i + 1 if i >= 0 else len(self.buf)
                line = bytes(self.buf[:end])
                del self.buf[:end]
                return line
            await self._fill()

    async def readexactly(self, n: int) -> bytes:
        while len(self.buf) < n and not self.eof:
            await self._fill()
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """Run over stdio until the client exits. Nothing but protocol is written to stdout."""
    out = stdout or sys.stdout.buffer
    inp = stdin or sys.stdin.buffer
    sys.stdout = sys.stderr  # any stray print goes to the log, never into the protocol stream
    level = os.environ.get("TQKIT_SERVER_LOG", "WARNING").upper()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="tqkit server %(levelname)s: %(message)s")
    log.setLevel(getattr(logging, level, logging.WARNING))
    server = build_server()
    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(out))
    try:
        asyncio.run(
            run_async(
                stop_event=server._stop_event,
                reader=BufferedReader(inp, server.thread_pool),
                protocol=server.protocol,
                logger=log,
                error_handler=server.report_server_error,
            )
        )
    except BrokenPipeError:
        log.error("the client closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()


__all__ = ["build_server", "serve"]
