"""Limits on the processes of a build: workers end with the build, and a render has a time limit.

A build that is killed (SIGKILL, an out-of-memory kill, a closed terminal) must not
leave workers rendering on; a logo or text that makes WeasyPrint run for hours must
fail its school with a message instead of freezing the build or the preview.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator

from .errors import BuildError

PDF_SECONDS = 300  # one school's PDFs take 2-5 s; a logo or text that takes this long is a fault


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise BuildError when the block runs longer than `seconds` (main thread on Unix; elsewhere no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise BuildError(
            f"het maken van de PDF's duurde langer dan {seconds} seconden en is gestopt;"
            " is het logo erg groot of ingewikkeld? Probeer het logo als PNG"
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def end_with_parent() -> None:
    """In each worker: end with the build. SIGKILL of the build cannot be caught, so ask the kernel.

    On Linux, prctl(PR_SET_PDEATHSIG) sends the worker SIGTERM when the build process
    dies, however it dies; a SIGTERM or Ctrl+C of the build reaches the workers that way too.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the build already died before the line above
            os._exit(1)


_PR_SET_PDEATHSIG = 1


_warm = False  # whether this process has built a school and frozen what it keeps


@contextlib.contextmanager
def one_school() -> Iterator[None]:
    """Build one school with the cycle collector paused, then collect once.

    Layout allocates millions of short-lived objects; the cycle collector would walk
    the process's whole heap again and again. One collection per school is cheaper.
    After the first school, what the process keeps for good (modules, compiled
    templates, fonts) is frozen, so later collections walk only the school's own
    objects instead of the whole heap.
    """
    global _warm
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
        if not _warm:
            gc.freeze()
            _warm = True
