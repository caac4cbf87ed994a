"""Finds the centrecov program and runs it, streaming what it says into Processing's feedback.

centrecov is started with --progress=lines: standard error then carries one line
"progress: LABEL: DONE/TOTAL (P%)" per whole percent of each stage, beside its log
lines ("info: ...", "warning: ...", "error: ..."). Cancel sends SIGINT, on which
centrecov stops at its next step, leaves the output folder as it was and exits 130.
"""

import os
import queue
import re
import shutil
import signal
import subprocess
import threading

from qgis.core import QgsProcessingException

BINARY_SETTING = "CENTRECOV_BINARY"
PROGRESS = re.compile(r"^progress: (?P<label>.+): (?P<done>\d+)(?:/(?P<total>\d+) \((?P<percent>\d+)%\))?$")
LOG = re.compile(r"^(?P<level>trace|debug|info|warning|error|critical): (?P<message>.*)$")
INTERRUPTED = 128 + signal.SIGINT


def configured_binary():
    """The path set in Processing's options, or '' (read lazily: qgis_process may lack the GUI's settings)."""
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
    except ImportError:
        return ""
    return (ProcessingConfig.getSetting(BINARY_SETTING) or "").strip()


def find_binary():
    """The centrecov program: Processing's setting when given, else the first on PATH."""
    configured = configured_binary()
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise QgsProcessingException(
                f"centrecov: the program set in Processing's options (Providers > centrecov) is not an "
                f"executable file: {configured}")
        return configured
    found = shutil.which("centrecov")
    if found is None:
        raise QgsProcessingException(
            "centrecov: the program was not found: set its path in Processing's options (Providers > centrecov) "
            "or put it on PATH")
    return found


def _pump(stream, name, lines):
    for line in iter(stream.readline, ""):
        lines.put((name, line.rstrip("\n")))
    lines.put((name, None))


def run_centrecov(arguments, feedback):
    """Runs centrecov with --progress=lines and ARGUMENTS (its subcommand first). Returns what it printed
    on standard output; raises QgsProcessingException with centrecov's own error messages when it fails
    or is cancelled."""
    command = [find_binary(), "--progress=lines"] + [str(a) for a in arguments]
    feedback.pushCommandInfo(" ".join(_quoted(part) for part in command))
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
    lines = queue.Queue()
    readers = [threading.Thread(target=_pump, args=(process.stdout, "out", lines), daemon=True),
               threading.Thread(target=_pump, args=(process.stderr, "err", lines), daemon=True)]
    for reader in readers:
        reader.start()
    printed, errors, unlabelled = [], [], []
    open_streams = 2
    interrupted = False
    stage = None
    try:
        while open_streams > 0:
            if feedback.isCanceled() and not interrupted and process.poll() is None:
                feedback.pushInfo("Cancelled: asking centrecov to stop (SIGINT); the output folder is left as it was")
                process.send_signal(signal.SIGINT)
                interrupted = True
            try:
                name, line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is None:
                open_streams -= 1
                continue
            if name == "out":
                printed.append(line)
                feedback.pushConsoleInfo(line)
                continue
            progress = PROGRESS.match(line)
            if progress:
                if progress["label"] != stage:
                    stage = progress["label"]
                    feedback.setProgressText(f"centrecov: {stage}")
                if progress["percent"] is not None:
                    feedback.setProgress(int(progress["percent"]))
                continue
            log = LOG.match(line)
            if not log:  # an option error, in the command-line parser's own words
                unlabelled.append(line)
                feedback.pushInfo(line)
                continue
            level, message = log["level"], log["message"]
            if level in ("error", "critical"):
                errors.append(message)
                feedback.reportError(f"centrecov: {message}")
            elif level == "warning":
                feedback.pushWarning(f"centrecov: {message}")
            elif level in ("debug", "trace"):
                feedback.pushDebugInfo(message)
            else:
                feedback.pushInfo(message)
    except BaseException:
        # Whatever stops us (QGIS closing, an error here) stops centrecov too, cleanly.
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait()
        raise
    code = process.wait()
    for reader in readers:
        reader.join()
    process.stdout.close()
    process.stderr.close()
    if code == INTERRUPTED or (interrupted and code != 0):
        raise QgsProcessingException("centrecov was cancelled: the output folder is as it was before this run")
    if code != 0:
        if not errors:
            errors = [line for line in unlabelled if line.strip() and not line.startswith("Run with --help")]
            for message in errors:
                feedback.reportError(f"centrecov: {message}")
        what = "bad input" if code == 1 else ("bad options" if code == 2 else f"exit status {code}")
        raise QgsProcessingException(f"centrecov stopped ({what}): " + (" | ".join(errors) or "no message"))
    return printed


def _quoted(part):
    return part if re.fullmatch(r"[\w@%+=:,./-]+", part) else "'" + part.replace("'", "'\\''") + "'"
