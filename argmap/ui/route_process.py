"""RouteProcess: one run of the routing worker process (`argmap.analysis.route_batch`).

A new interpreter started by QProcess (fork and exec: the child never runs on a copy of the
window's Qt state, and imports no Qt), given the map's geometry on its stdin. Its replies
are read on the GUI thread as they come (`readyReadStandardOutput`), one frame at a time, so
the window stays responsive while a big result arrives. `stop()` kills it and waits for it to
be reaped: nothing outlives the canvas that started it.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

import argmap
from argmap.analysis.route_batch import FRAME, PackedRoute

# Where the worker finds the `argmap` package: the checkout or install this app runs from.
_PACKAGE_ROOT = str(Path(argmap.__file__).resolve().parents[1])


class RouteProcess(QObject):
    """Route one request in a worker process; report progress and the packed routes."""

    progressed = Signal(int, int)  # arrows routed, arrows to route
    finished = Signal(object)  # {relation id: PackedRoute}
    failed = Signal(str)

    def __init__(self, request: tuple, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = request
        self._buffer = bytearray()
        self._routes: dict[str, PackedRoute] = {}
        self._done = False
        self.process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        path = env.value("PYTHONPATH", "")
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (_PACKAGE_ROOT, path) if p))
        self.process.setProcessEnvironment(env)
        self.process.setProgram(sys.executable)
        self.process.setArguments(["-m", "argmap.analysis.route_batch"])
        # A worker's traceback reaches the terminal the app was started from.
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._ended)

    def start(self) -> None:
        self.process.start()
        self.process.write(pickle.dumps(self._request, protocol=pickle.HIGHEST_PROTOCOL))
        self.process.closeWriteChannel()
        self._request = ()  # the worker has it; the window need not keep a copy

    def pid(self) -> int:
        return int(self.process.processId())

    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def stop(self) -> None:
        """Kill the worker (if it still runs) and reap it; no signal is emitted after this."""
        self.blockSignals(True)
        if self.running():
            self.process.kill()
            self.process.waitForFinished(5000)

    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        while len(self._buffer) >= FRAME.size:
            (size,) = FRAME.unpack_from(self._buffer)
            if len(self._buffer) < FRAME.size + size:
                return
            try:
                message = pickle.loads(self._buffer[FRAME.size : FRAME.size + size])
            except Exception as exc:  # a reply the window cannot read: give up on this run
                self._done = True
                self.stop()
                self.blockSignals(False)
                self.failed.emit(f"unreadable reply from the routing worker: {exc}")
                return
            del self._buffer[: FRAME.size + size]
            kind = message[0]
            if kind == "progress":
                self.progressed.emit(message[1], message[2])
            elif kind == "routes":
                self._routes.update(message[1])
            elif kind == "done":
                self._done = True
                routes, self._routes = self._routes, {}
                self.finished.emit(routes)

    def _ended(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read()
        if not self._done:
            self.failed.emit(f"the routing worker stopped (exit status {code})")
