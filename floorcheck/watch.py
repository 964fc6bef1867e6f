"""Re-check a plan whenever it is saved, and say what the save changed.

CAD programs save in several steps (a temporary file renamed over the drawing, or the drawing
truncated and written in pieces), so the folder is watched, not the file (``watchfiles``, a
maintained Rust-backed watcher with a polling fallback), and a change is acted on only once the
file has stopped changing: its size and modification time are the same over ``settle_s``. A
read that still fails then is reported once — the same error again is not repeated — and the
watch goes on; the next good save is compared with the last good one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .api import Outputs, check, config_for, load, write_outputs
from .config import Config
from .diff import Diff, diff_reports, format_text
from .errors import InputError
from .findings import Report
from .i18n import word

__all__ = ["Watcher", "WatchEvent", "watch"]


@dataclass
class WatchEvent:
    """What one save gave: a report and its diff from the last good one, or an error line (in
    English and in Chinese)."""

    report: Report | None = None
    diff: Diff | None = None
    error: str | None = None
    written: list[Path] = field(default_factory=list)
    error_zh: str | None = None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


@dataclass
class Watcher:
    """Checks ``path`` on demand and keeps the last good report (the state of a watch)."""

    path: Path
    config: Config = field(default_factory=Config)
    level: str | None = None
    outputs: Outputs = field(default_factory=Outputs)
    settle_s: float = 0.5
    last: Report | None = None
    last_error: str | None = None
    checks: int = 0
    checked: tuple[int, int] | None = None  # size and time of the file last checked

    def changed_since_check(self) -> bool:
        return _stamp(self.path) != self.checked

    def settle(self, stop: threading.Event | None = None, timeout_s: float = 60.0) -> bool:
        """Wait until the file has the same size and time over ``settle_s``; False when it
        never settles within ``timeout_s`` (or the watch is stopped)."""
        deadline = time.monotonic() + timeout_s
        before = _stamp(self.path)
        while time.monotonic() < deadline:
            if stop is not None and stop.wait(self.settle_s):
                return False
            if stop is None:
                time.sleep(self.settle_s)
            now = _stamp(self.path)
            if now == before and now is not None and now[0] > 0:
                return True
            before = now
        return False

    def run_once(self) -> WatchEvent:
        """Read and check the plan now; compare with the last good report."""
        self.checks += 1
        self.checked = _stamp(self.path)
        try:
            config = config_for(self.path, self.config)
            report = check(load(self.path, config=config), level=self.level, config=config)
            written = write_outputs(report, self.outputs, self.path) if self.outputs.paths else []
        except InputError as exc:
            message = str(exc)
            repeated = message == self.last_error
            self.last_error = message
            if repeated:
                return WatchEvent()
            return WatchEvent(error=message, error_zh=exc.text("zh"))
        except MemoryError:
            self.last_error = f"{self.path}: the drawing is too large to check in memory"
            return WatchEvent(
                error=self.last_error, error_zh=f"{self.path}：图纸过大，内存中无法检查"
            )
        self.last_error = None
        d = diff_reports(self.last, report) if self.last is not None else None
        self.last = report
        return WatchEvent(report, d, written=list(written))


def describe(event: WatchEvent, lang: str = "en", fail_on: str = "error") -> str:
    """What to print for one event (empty for an error already reported)."""
    if event.error is not None:
        if lang == "zh":
            return f"floorcheck：暂时无法读取：{event.error_zh or event.error}（继续监视）\n"
        return f"floorcheck: cannot read yet: {event.error} (watching on)\n"
    if event.report is None:
        return ""
    r = event.report
    stamp = time.strftime("%H:%M:%S")
    head = (
        f"[{stamp}] {r.title}: {r.count('error')} error(s), {r.count('warning')} warning(s)"
        if lang != "zh"
        else f"[{stamp}] {r.title}：错误 {r.count('error')} 个，警告 {r.count('warning')} 个"
    )
    out = [head]
    if event.diff is not None:
        body = format_text(event.diff, lang, fail_on).splitlines()[1:]  # no "old → new" line
        out.extend("  " + line for line in body)
    out.extend("  " + word("wrote", lang).format(path=p) for p in event.written)
    return "\n".join(out) + "\n"


def watch(
    path: str | Path,
    *,
    config: Config | None = None,
    level: str | None = None,
    outputs: Outputs | None = None,
    settle_s: float = 0.5,
    emit: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    lang: str = "en",
    force_polling: bool | None = None,
) -> Watcher:
    """Check ``path`` now and after every save until ``stop`` is set (or Ctrl-C); each result
    goes to ``emit`` as text. Returns the watcher (its ``checks`` and ``last`` report)."""
    import watchfiles

    path = Path(path)
    w = Watcher(path, config or Config(), level, outputs or Outputs(), settle_s)
    fail_on = (outputs or Outputs()).fail_on
    emit(describe(w.run_once(), lang, fail_on).rstrip("\n"))
    target = path.resolve()

    def ours(change: watchfiles.Change, changed: str) -> bool:
        return Path(changed).resolve() == target

    try:
        for _changes in watchfiles.watch(
            target.parent,
            watch_filter=ours,
            stop_event=stop,
            debounce=int(settle_s * 1000),
            step=50,
            rust_timeout=500,
            yield_on_timeout=False,
            force_polling=force_polling,
            raise_interrupt=False,
        ):
            if not w.settle(stop):
                if stop is not None and stop.is_set():
                    break
                continue
            if not w.changed_since_check():  # events of a save already checked
                continue
            text = describe(w.run_once(), lang, fail_on)
            if text:
                emit(text.rstrip("\n"))
    except KeyboardInterrupt:  # pragma: no cover - interactive
        pass
    return w
