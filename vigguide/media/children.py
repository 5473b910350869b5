"""ffmpeg children that never outlive the app, on every OS.

Every child reads its input from a pipe and writes its result and messages to pipes that only this
process holds, so when the app dies the child's next write fails and it stops (SIGPIPE on POSIX,
a broken pipe on Windows) and it never writes a file. On top of that:

- Linux: the child asks the kernel to SIGKILL it the moment its parent dies (PR_SET_PDEATHSIG).
- Windows: every child is put in one Job object created with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  the job's only handle belongs to this process, so Windows kills the children when it exits.
  (Written against the Win32 documentation; it cannot be exercised on the Linux test machine.)
- macOS and other POSIX systems rely on the pipes alone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


_libc: ctypes.CDLL | None = None


def preexec() -> Callable[[], None] | None:
    """What to run in the child between fork and exec (Linux only)."""
    global _libc
    if not sys.platform.startswith("linux"):
        return None
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    libc, parent = _libc, os.getpid()

    def die_with_parent() -> None:  # pragma: no cover - runs in the forked child
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # the parent may have died between fork and prctl: then nobody would send the signal
        if os.getppid() != parent:
            os._exit(1)

    return die_with_parent


class _WindowsJob:  # pragma: no cover - Windows only
    """One Job object for all children, closed (killing them) only when this process ends."""

    _JobObjectExtendedLimitInformation = 9
    _KILL_ON_JOB_CLOSE = 0x2000
    _PROCESS_SET_QUOTA = 0x0100
    _PROCESS_TERMINATE = 0x0001

    def __init__(self) -> None:
        from ctypes import wintypes

        class IoCounters(ctypes.Structure):
            _fields_ = [
                (name, ctypes.c_ulonglong)
                for name in (
                    "ReadOperationCount",
                    "WriteOperationCount",
                    "OtherOperationCount",
                    "ReadTransferCount",
                    "WriteTransferCount",
                    "OtherTransferCount",
                )
            ]

        class BasicLimits(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class ExtendedLimits(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BasicLimits),
                ("IoInfo", IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
        kernel32.SetInformationJobObject.restype = wintypes.BOOL
        kernel32.SetInformationJobObject.argtypes = [
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
        ]
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
        kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        self._kernel32 = kernel32
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        limits = ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = self._KILL_ON_JOB_CLOSE
        if not kernel32.SetInformationJobObject(
            job,
            self._JobObjectExtendedLimitInformation,
            ctypes.byref(limits),
            ctypes.sizeof(limits),
        ):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        self._job = job  # never closed: it closes when the process ends, killing the children

    def adopt(self, pid: int) -> None:
        access = self._PROCESS_SET_QUOTA | self._PROCESS_TERMINATE
        handle = self._kernel32.OpenProcess(access, False, pid)
        if not handle:
            return  # it has already finished
        try:
            self._kernel32.AssignProcessToJobObject(self._job, handle)
        finally:
            self._kernel32.CloseHandle(handle)


_job: _WindowsJob | None = None
_job_lock = threading.Lock()


def adopt(proc: subprocess.Popen[bytes]) -> None:
    """Tie a just-started child's life to this process where the OS needs a call for it."""
    global _job
    if os.name != "nt":
        return
    with _job_lock:  # pragma: no cover - Windows only
        try:
            if _job is None:
                _job = _WindowsJob()
            _job.adopt(proc.pid)
        except OSError:
            pass  # the pipes still stop the child at its next write
