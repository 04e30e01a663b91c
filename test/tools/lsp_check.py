#!/usr/bin/env python3
"""Opens one file in a clangd-compatible language server and checks its diagnostics.

  lsp_check.py --server "CMD" --file F.cpp [--compile-flags="FLAGS"] [--code-regex RE]
               [--timeout 60] [--apply-fix [--fix-output OUT]] [--trace LOG]

Starts CMD (shlex-split) as an LSP server and opens F.cpp as `clang++ FLAGS F.cpp`
(sent in initializationOptions, so it wins over any compile_commands.json above F.cpp
and nothing is written next to it). Waits until a diagnostic's code matches RE
(re.search), clangd reports the file idle, or --timeout seconds pass; then prints

  diag LINE:COL SEVERITY [CODE] SOURCE: first line of the message
    related BASENAME:LINE:COL: message
  action "TITLE" kind=KIND edits=N      (the code actions of each matching diag)

--apply-fix applies the first quickfix of the first matching diagnostic to the text
of F.cpp in memory and writes it to OUT, or prints it after `--- fixed ---`.
Diagnostics for other files (e.g. a broken .clangd) go to stderr as notes.
Exit status 0 when a diagnostic matched (and the fix, if asked for, was applied);
1 otherwise, with the reason and the tail of the server's stderr. Lines and columns
are 1-based, columns in LSP's UTF-16 code units. Flags starting with '-' must be
written --compile-flags=-std=c++17. clangd takes clang-tidy checks from .clang-tidy
and .clangd files above F.cpp; checks it has not timed (plugin checks) only run
with `Diagnostics: {ClangTidy: {FastCheckFilter: None}}` (or Loose) in a .clangd.
"""
import argparse, json, os, queue, re, shlex, subprocess, sys, tempfile, threading, time
from pathlib import Path
from urllib.parse import unquote, urlparse

SEVERITY = {1: "error", 2: "warning", 3: "info", 4: "hint"}
REPLIES = {  # server->client requests we answer so that the server does not stall
    "workspace/configuration": lambda p: [None] * len(p.get("items", [])),
    "workspace/applyEdit": lambda p: {"applied": False},
    **{m: lambda p: None for m in ("client/registerCapability", "client/unregisterCapability",
                                   "window/workDoneProgress/create", "window/showMessageRequest")}}


class Server:
    """A JSON-RPC connection to a child process over its stdin and stdout."""

    def __init__(self, argv, log, trace=None):
        self.trace, self.t0, self.next_id, self.inbox = trace, time.monotonic(), 0, queue.Queue()
        self.on_notification = lambda method, params: None
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
        threading.Thread(target=self._read, daemon=True).start()

    def _log(self, direction, body):
        if self.trace:
            print("%.3f %s %s" % (time.monotonic() - self.t0, direction, body.decode("utf-8",
                  "replace")), file=self.trace, flush=True)

    def _read(self):
        """Queues each message from the server; None once its stdout ends."""
        try:
            while True:
                headers = {}
                while True:  # header lines, up to an empty one
                    line = self.proc.stdout.readline()
                    if not line.strip():
                        break
                    name, colon, value = line.decode("ascii", "replace").partition(":")
                    if not colon:
                        raise ValueError("not an LSP header: %r" % line)
                    headers[name.strip().lower()] = value.strip()
                if not line:
                    return  # end of the stream
                length = int(headers["content-length"])
                body = self.proc.stdout.read(length)  # reads on until it has them all
                if len(body) < length:
                    return
                self._log("<-", body)
                self.inbox.put(json.loads(body))
        except (KeyError, ValueError, OSError) as e:
            print("lsp_check: bad message from the server: %s" % e, file=sys.stderr)
        finally:
            self.inbox.put(None)

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self._log("->", body)
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def notify(self, method, params=None, **extra):
        self.send({"method": method, **extra, **({} if params is None else {"params": params})})

    def request(self, method, params, timeout):
        """Returns the result of a request; raises RuntimeError on an error or silence."""
        self.next_id += 1
        my_id, deadline = self.next_id, time.monotonic() + timeout
        self.notify(method, params, id=my_id)
        while True:
            msg = self.poll(deadline)
            if msg is None:
                raise RuntimeError("no answer to %s (%s)" % (method, self.state()))
            if msg.get("id") == my_id and "method" not in msg:
                if "error" in msg:
                    raise RuntimeError("%s failed: %s" % (method, msg["error"]))
                return msg.get("result")

    def poll(self, deadline):
        """Answers server requests until a response or a notification comes, and returns
        it (after on_notification); None at the deadline or once the server is gone."""
        while True:
            try:
                msg = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            method, params = (msg or {}).get("method"), (msg or {}).get("params") or {}
            if msg is None:
                self.inbox.put(None)  # and keep reporting the end
            elif method and "id" in msg:
                self.send(dict({"result": REPLIES[method](params)} if method in REPLIES else
                               {"error": {"code": -32601, "message": "unsupported: " + method}},
                               id=msg["id"]))
                continue
            elif method:
                self.on_notification(method, params)
            return msg

    def state(self):
        try:
            return "server exited with %d" % self.proc.wait(0.5)  # it may be on its way out
        except subprocess.TimeoutExpired:
            return "server still running"

    def close(self):
        """shutdown and exit; kills the server if it is still there 5 s later."""
        deadline = time.monotonic() + 5
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None, 5)
                self.notify("exit")
            self.proc.wait(max(0.0, deadline - time.monotonic()))
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            if self.proc.poll() is None:
                print("lsp_check: warning: killing the server", file=sys.stderr)
                self.proc.kill()
            self.proc.wait()


def uri_path(uri):
    return os.path.realpath(unquote(urlparse(uri).path))


def offset(text, pos, encoding):
    """The index in text of an LSP position; lines end at '\\n', as in clangd."""
    lines = text.split("\n")
    if pos["line"] >= len(lines):
        return len(text)
    line, units, col = lines[pos["line"]], 0, 0
    while col < len(line) and units < pos["character"]:
        units += {"utf-8": len(line[col].encode()), "utf-32": 1}.get(
            encoding, 2 if ord(line[col]) > 0xFFFF else 1)
        col += 1
    return sum(len(l) + 1 for l in lines[:pos["line"]]) + col


def text_edits(action, path):
    """(the TextEdits of the action for path, the number of TextEdits for all files),
    from edit.changes or edit.documentChanges (creating or renaming files is ignored)."""
    edit = action.get("edit") or {}
    per_file = list((edit.get("changes") or {}).items()) + [
        (dc["textDocument"]["uri"], dc["edits"])
        for dc in edit.get("documentChanges") or [] if "textDocument" in dc]
    ours = [e for uri, edits in per_file if uri_path(uri) == path for e in edits]
    return ours, sum(len(edits) for _, edits in per_file)


def apply_edits(text, edits, encoding):
    spans = [(offset(text, e["range"]["start"], encoding), offset(text, e["range"]["end"],
              encoding), i, e["newText"]) for i, e in enumerate(edits)]
    for start, end, _, new in sorted(spans, reverse=True):  # from the end: offsets hold
        text = text[:start] + new + text[end:]
    return text


def describe(diag, where=""):
    start = diag["range"]["start"]
    out = ["diag %s%d:%d %s [%s] %s: %s" % (
        where, start["line"] + 1, start["character"] + 1, SEVERITY.get(diag.get("severity"),
        "unknown"), diag.get("code", ""), diag.get("source", "?"), diag["message"].split("\n")[0])]
    for rel in diag.get("relatedInformation") or []:
        loc = rel["location"]["range"]["start"]
        out.append("  related %s:%d:%d: %s" % (
            os.path.basename(uri_path(rel["location"]["uri"])), loc["line"] + 1,
            loc["character"] + 1, rel["message"].split("\n")[0]))
    return "\n".join(out)


def check(server, args, path, text):
    """Runs the session, printing what it finds; returns a list of what is missing."""
    flags, code_re, uri = shlex.split(args.compile_flags), re.compile(args.code_regex), path.as_uri()
    diags, published, stop = [], [], []

    def on_notification(method, params):
        ours = uri_path(params.get("uri", "")) == str(path)
        if method == "textDocument/publishDiagnostics" and ours:
            diags[:], published[:] = params["diagnostics"], [True]
        elif method == "textDocument/publishDiagnostics":
            where = os.path.basename(uri_path(params["uri"])) + ":"
            for d in params["diagnostics"]:
                print("lsp_check: note: " + describe(d, where), file=sys.stderr)
        elif method == "textDocument/clangd.fileStatus" and ours and published and \
                params.get("state") == "idle":  # clangd is done with the file
            stop.append("clangd finished with the file")
    server.on_notification = on_notification

    init = server.request("initialize", {
        "processId": os.getpid(), "rootUri": path.parent.as_uri(),
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"configuration": True},
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True},
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix", "refactor", "source"]}}}}},
        "initializationOptions": {
            "fallbackFlags": flags, "clangdFileStatus": True,
            "compilationDatabaseChanges": {str(path): {
                "workingDirectory": str(path.parent), "compilationCommand":
                    ["clang" if path.suffix == ".c" else "clang++"] + flags + [str(path)]}}},
    }, args.timeout) or {}
    encoding = init.get("capabilities", {}).get("positionEncoding", "utf-16")
    server.notify("initialized", {})
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "c" if path.suffix == ".c" else "cpp", "version": 1,
        "text": text}})

    deadline = time.monotonic() + args.timeout
    matches = lambda: [d for d in diags if code_re.search(str(d.get("code", "")))]
    while not matches() and not stop:  # clangd may publish more than once: keep the last
        if server.poll(deadline) is None:
            stop.append(server.state() + (" after %gs" % args.timeout
                                          if time.monotonic() >= deadline else ""))
    diags.sort(key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"],
                              str(d.get("code", "")), d["message"]))
    for diag in diags:
        print(describe(diag))
    matching = matches()
    if not matching:
        return ["no diagnostic with a code matching %r among %d (%s)"
                % (args.code_regex, len(diags), stop[0])]
    fix = None
    for diag in matching:
        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diag["range"],
            "context": {"diagnostics": [diag], "triggerKind": 1}}, args.timeout) or []
        for action in actions:
            ours, count = text_edits(action, str(path))
            print('action "%s" kind=%s edits=%d' % (action["title"], action.get("kind", "none"),
                                                    count))
            if diag is matching[0] and fix is None and action.get("kind") == "quickfix" and ours:
                fix = ours
    if not args.apply_fix:
        return []
    if fix is None:
        return ["no quickfix with edits to %s for the first matching diagnostic" % path.name]
    fixed = apply_edits(text, fix, encoding)
    if args.fix_output:
        with open(args.fix_output, "w", encoding="utf-8", newline="") as f:
            f.write(fixed)
    else:
        sys.stdout.write("--- fixed ---\n" + fixed)
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", required=True, help="server command line (shlex-split)")
    ap.add_argument("--file", required=True, help="the source file to open")
    ap.add_argument("--compile-flags", default="", help="compiler flags (shlex-split)")
    ap.add_argument("--code-regex", default=".*", help="diagnostic code to look for")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for it")
    ap.add_argument("--apply-fix", action="store_true", help="apply the first quickfix")
    ap.add_argument("--fix-output", help="file for the fixed text (default: stdout)")
    ap.add_argument("--trace", type=argparse.FileType("w"), help="log the JSON-RPC traffic")
    args = ap.parse_args()
    path = Path(args.file).resolve()
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    log = tempfile.TemporaryFile()
    try:
        server = Server(shlex.split(args.server), log, args.trace)
    except OSError as e:
        sys.exit("lsp_check: error: cannot start the server: %s" % e)
    try:
        failures = check(server, args, path, text)
    except (RuntimeError, OSError) as e:
        failures = [str(e) if isinstance(e, RuntimeError) else "%s (%s)" % (e, server.state())]
    finally:
        sys.stdout.flush()
        server.close()
    if not failures:
        return 0
    log.seek(0)
    tail = log.read().decode("utf-8", "replace").splitlines()[-40:]
    sys.stderr.write("".join("lsp_check: error: %s\n" % f for f in failures) +
                     "lsp_check: server stderr, last %d lines:\n" % len(tail) +
                     "".join("  | %s\n" % line for line in tail))
    return 1


if __name__ == "__main__":
    sys.exit(main())
