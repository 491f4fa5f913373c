"""The machine's side: errors, readings from /proc, and the X server the windows use."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

SCREEN = "1366x768x24"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class BenchError(RuntimeError):
    pass


# -- /proc ------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (all its threads), from /proc/PID/stat."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of stat


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no VmHWM for {pid}")


def children_peak_rss_mb(pid: int) -> float:
    """The summed peak RSS of a process's children (the speech worker, say): 0 for none."""
    total = 0.0
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            with contextlib.suppress(OSError, BenchError):  # a child that just ended
                total += peak_rss_mb(int(child))
    return total


def cpu_percent_over(pid: int, seconds: float) -> float:
    return cpu_percents_over(pid, seconds)[0]


def thread_cpu_ns(pid: int) -> dict[str, int]:
    """Each thread's nanoseconds on a CPU (the first field of its
    /proc/PID/task/TID/schedstat): the same time as utime + stime, without rounding it to
    10 ms clock ticks."""
    times: dict[str, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):  # a thread that just ended
            times[task.name] = int((task / "schedstat").read_text().split()[0])
    return times


def cpu_ns_between(before: dict[str, int], after: dict[str, int]) -> int:
    """Nanoseconds the threads alive at both readings spent on a CPU between them (one
    that came and went in between is missed; one that ended takes nothing back)."""
    return sum(after[t] - before[t] for t in before.keys() & after.keys())


def cpu_percents_over(pid: int, seconds: float) -> tuple[float, float]:
    """Percent of one core over `seconds`: from clock ticks, and from schedstat's
    nanoseconds (one tick is 1/(8 s x 100) = 0.125 points of an 8 s window)."""
    before_cpu, before_ns, before = cpu_seconds(pid), thread_cpu_ns(pid), time.monotonic()
    time.sleep(seconds)
    after_cpu, after_ns, after = cpu_seconds(pid), thread_cpu_ns(pid), time.monotonic()
    elapsed = after - before
    return (
        100.0 * (after_cpu - before_cpu) / elapsed,
        100.0 * cpu_ns_between(before_ns, after_ns) / 1e9 / elapsed,
    )


def wake_ups(pid: int) -> dict[str, int]:
    """Voluntary context switches of each thread (how often it slept and was woken), by
    thread name and id: /proc/PID/task/*/status."""
    counts = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            name = (task / "comm").read_text().strip()
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches"):
                    counts[f"{name}/{task.name}"] = int(line.split()[1])
    return counts


def sleep_until(moment: float) -> None:
    left = moment - time.monotonic()
    if left > 0:
        time.sleep(left)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
    }
    with contextlib.suppress(OSError):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        info["pyside6"] = version("PySide6-Essentials")
    except Exception:
        info["pyside6"] = None
    return info


# -- the display ------------------------------------------------------------------------


class Display:
    """An Xvfb server for the whole run (so its start-up is not in any figure)."""

    def __init__(self, wanted: str, number: int | None, workdir: Path) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.name: str | None = None
        self.platform = "offscreen"
        self.note = ""
        xvfb = shutil.which("Xvfb")
        if wanted == "offscreen":
            self.note = "offscreen (asked for)"
            return
        if xvfb is None:
            if wanted == "xvfb":
                raise BenchError("--platform xvfb, but Xvfb is not installed")
            self.note = "offscreen: Xvfb is not installed (Debian package xvfb)"
            return
        read_fd, write_fd = os.pipe()
        log = (workdir / "xvfb.log").open("w")
        chosen = [f":{number}"] if number is not None else []
        options = ["-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"]
        self.proc = subprocess.Popen(
            [xvfb, *chosen, "-displayfd", str(write_fd), *options],
            pass_fds=(write_fd,),
            stdout=log,
            stderr=log,
        )
        os.close(write_fd)
        reported = b""
        deadline = time.monotonic() + 15
        while not reported.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            reported += chunk
        os.close(read_fd)
        log.close()
        if not reported.strip():
            self.close()
            taken = f" (is display :{number} taken?)" if number is not None else ""
            raise BenchError(f"Xvfb did not start{taken}: see {workdir / 'xvfb.log'}")
        self.name = f":{reported.decode().strip()}"
        self.platform = "xcb"
        self.note = f"Xvfb {self.name} ({SCREEN})"

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env["QT_QPA_PLATFORM"] = self.platform
        if self.name:
            env["DISPLAY"] = self.name
        return env

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
