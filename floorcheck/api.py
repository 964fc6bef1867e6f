"""The one way in: read a drawing, find its configuration, check it, write what was asked for.

Every command of the CLI and the Python API go through these functions, so that a
``floorcheck.toml`` beside a plan means the same to ``check``, ``render``, ``zones`` and
``graph``, and a script gets the same report as the command line::

    import floorcheck
    plan = floorcheck.load("hall.dxf")
    report = floorcheck.check(plan, level="county")
    floorcheck.write_outputs(report, floorcheck.Outputs(png="hall.png", pdf="hall.pdf"))

Nothing here changes global state: the CLI (and the benchmarks) opt in to pausing the cyclic
garbage collector while a large drawing is read (``run_jobs(..., pause_gc=True)``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import engine
from ._gc import gc_paused
from .config import Config, find_config, load_config
from .errors import InputError
from .findings import Report
from .io import OutputError, check_output
from .model import Plan

__all__ = [
    "load",
    "check",
    "config_for",
    "Outputs",
    "write_outputs",
    "load_plans",
    "plan_tags",
    "CheckJob",
    "JobResult",
    "run_job",
    "run_jobs",
    "render_png",
    "write_pdf",
    "write_html",
    "suggest_cameras",
    "with_suggestions",
    "write_suggested_dxf",
]

Region = int | str | tuple[float, float, float, float]


def load(
    path: str | Path,
    mapping: str | Path | None = None,
    units: str | None = None,
    *,
    layout: str | None = None,
    region: Region | None = None,
    config: Config | None = None,
    storey: str | None = None,
    options: Any = None,
) -> Plan:
    """Read a floor plan (DXF, DWG, or a storey of an IFC model) into a
    :class:`~floorcheck.model.Plan`, in metres. The reader is chosen by the file's content.
    A drawing whose sheet holds several floor plans (floors side by side) needs ``region``
    (:func:`load_plans` reads them all).

    ``mapping`` is a mapping TOML for an office's layer and block names and ``units`` overrides
    the drawing's unit (``"mm"``, ``"cm"``, ``"m"`` …); both default to ``config``'s. ``layout``
    reads a paperspace layout or a block of a DXF instead of modelspace; ``region`` keeps one of
    several plans drawn side by side (its number in ``floorcheck zones``, 1 = top left, or a
    window ``(x0, y0, x1, y1)`` in metres); ``storey`` picks a storey of an IFC model by name or
    elevation (m), needed when it has several. ``options`` are the tolerances a drawing is
    recognised with (:class:`floorcheck.dxf.ReadOptions`). Raises
    :class:`floorcheck.InputError` for a file or an option it cannot use, with one line that
    says what to do. Never writes.
    """
    from . import readers

    if config is not None:
        mapping = mapping if mapping is not None else config.mapping
        units = units if units is not None else config.units
    return readers.load(
        path, mapping, units, layout=layout, region=region, storey=storey, options=options
    )


def load_plans(
    path: str | Path,
    *,
    layout: str | None = None,
    region: Region | None = None,
    config: Config | None = None,
    storey: str | None = None,
    options: Any = None,
) -> list[Plan]:
    """Every plan a file holds, each to be checked on its own (``Plan.part`` names it).

    A drawing gives one plan per floor plan on its sheet that holds rooms (sections,
    elevations and details are left out); an IFC model gives one per storey (``storey`` keeps
    one), so that no two floors are ever added up into one plan. ``region`` keeps one region.
    ``options``: see :func:`load`.
    """
    from . import readers

    config = config or Config()
    return readers.load_plans(
        path,
        config.mapping,
        config.units,
        layout=layout,
        region=region,
        storey=storey,
        options=options,
    )


def check(
    plan: Plan | str | Path,
    level: str | None = None,
    *,
    config: Config | None = None,
    suggest: bool = False,
    **metadata: Any,
) -> Report:
    """Check a plan (a :class:`~floorcheck.model.Plan`, or the path of a drawing) against the
    guide and return a :class:`~floorcheck.findings.Report`.

    ``level`` and the keyword metadata (``population``, ``staff``, ``floor`` …) override what the
    drawing and ``config`` say. With ``suggest`` the report carries ``suggestions`` (cameras to
    add) when FC701–FC703 fail, as the command line's reports do.
    """
    config = config or Config()
    if not isinstance(plan, Plan):
        plan = load(plan, config=config)
    report = engine.check(plan, level, config=config, **metadata)
    return with_suggestions(report, config) if suggest else report


_SUGGESTING_RULES = ("FC701", "FC702", "FC703")


def suggest_cameras(
    plan: Plan | str | Path,
    level: str | None = None,
    *,
    config: Config | None = None,
    report: Report | None = None,
) -> Any:
    """Cameras to add so that FC701–FC704 pass: a
    :class:`~floorcheck.suggest.CameraSuggestions` (the proposal, its optimality bound, and
    what the camera rules say with it applied)."""
    from .suggest import suggest_cameras as _suggest

    config = config or Config()
    if not isinstance(plan, Plan):
        plan = load(plan, config=config)
    return _suggest(plan, level, config=config, report=report)


def with_suggestions(report: Report, config: Config | None = None) -> Report:
    """``report`` with ``suggestions["cameras"]`` filled in when FC701–FC703 fail (and the
    report still holds its plan); unchanged otherwise."""
    if report.plan is None or not any(f.rule in _SUGGESTING_RULES for f in report.findings):
        return report
    config = config or Config()
    if report.level and not report.plan.metadata.level:
        config = config.updated(metadata={"level": report.level})
    found = suggest_cameras(report.plan, config=config, report=report)
    report.suggestions = {**(report.suggestions or {}), "cameras": found.to_dict()}
    return report


def write_suggested_dxf(
    report: Report, source: str | Path, target: str | Path, config: Config | None = None
) -> Path:
    """A copy of ``source`` with the report's proposed cameras as camera blocks on layer
    FLOORCHECK-SUGGEST (read back by floorcheck as cameras), written whole or not at all."""
    from .dxf.mapping import load_mapping
    from .report.annotated_dxf import write_suggested_dxf as _write

    forward = load_mapping(config.mapping if config else None).camera_forward
    return _write(report, source, target, forward)


def config_for(
    plan_path: str | Path, given: Config | None = None, *, explicit: bool = False
) -> Config:
    """The configuration for one plan: ``given`` (the command line, or a script's) over the
    ``floorcheck.toml`` (or ``[tool.floorcheck]``) nearest the plan. With ``explicit`` (a
    ``--config`` file was named) ``given`` is used as it is. Every value is checked here, for
    every command, whether the command uses it or not (:func:`engine.validate_config`)."""
    given = given or Config()
    if explicit:
        return engine.validate_config(given)
    found = find_config(Path(plan_path))
    if found is None:
        return engine.validate_config(given)
    base = engine.validate_config(load_config(found))
    return base.updated(
        metadata=given.metadata,
        select=given.select,
        ignore=given.ignore,
        rule_options={**base.rule_options, **given.rule_options} or None,
        geometry={**base.geometry, **given.geometry} or None,
        mapping=given.mapping,
        units=given.units,
        fail_on=given.fail_on if given.fail_on != Config().fail_on else None,
    )


@dataclass(frozen=True)
class Outputs:
    """The files to write for a checked plan, and how (``None`` = not wanted)."""

    png: str | Path | None = None
    pdf: str | Path | None = None
    annotated_dxf: str | Path | None = None
    html: str | Path | None = None
    lang: str = "en"
    dpi: int = 150
    fail_on: str = "error"
    # optional layers of the plan to draw ("camera-views,routes", "-labels"; None = all)
    layers: str | None = None
    mkdir: bool = False  # create missing output folders (else a missing folder is an error)

    @property
    def paths(self) -> list[Path]:
        return [
            Path(p) for p in (self.png, self.pdf, self.annotated_dxf, self.html) if p is not None
        ]

    def check(self, protect: Iterable[str | Path] = ()) -> None:
        """Refuse, before any work, outputs that would overwrite a drawing being read or land in
        a folder that does not exist (:class:`floorcheck.io.OutputError`)."""
        protect = list(protect)
        for p in self.paths:
            check_output(p, protect, mkdir=self.mkdir)

    def for_plan(self, tag: str) -> Outputs:
        """With several files, ``out.png`` becomes ``out-<tag>.png`` (and so on); ``tag`` names
        the plan (see :func:`plan_tags`)."""
        return self._suffixed(tag)

    def for_part(self, part: str) -> Outputs:
        """With several plans in one file, ``out.png`` becomes ``out-<part>.png``."""
        return self._suffixed("".join(c if c.isalnum() or c in "-_." else "_" for c in part))

    def _suffixed(self, tag: str) -> Outputs:
        def named(p: str | Path | None) -> Path | None:
            if p is None:
                return None
            t = Path(p)
            return t.with_name(f"{t.stem}-{tag}{t.suffix}")

        return replace(
            self,
            png=named(self.png),
            pdf=named(self.pdf),
            annotated_dxf=named(self.annotated_dxf),
            html=named(self.html),
        )


def plan_tags(paths: Sequence[str | Path]) -> list[str]:
    """A short name per plan for output file names: the file's stem, or, where two plans share a
    stem (``a/plan.dxf``, ``b/plan.dxf``), its path below their common folder (``a_plan``).

    >>> plan_tags(["x/a.dxf", "y/b.dxf"]), plan_tags(["x/p.dxf", "y/p.dxf"])
    (['a', 'b'], ['x_p', 'y_p'])
    """
    stems = [Path(p).stem for p in paths]
    if len(set(stems)) == len(stems):
        return stems
    resolved = [Path(p).resolve() for p in paths]
    root = Path(os.path.commonpath([str(p.parent) for p in resolved]))
    return ["_".join(p.relative_to(root).with_suffix("").parts) for p in resolved]


def render_png(
    report: Report,
    path: str | Path,
    dpi: int = 150,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | None = None,
) -> Path:
    """Write the annotated plan (PNG; ``.pdf``/``.svg`` by suffix) whole or not at all. A
    findings list longer than the sheet continues in ``<stem>-2.png``."""
    from .render import render_png as _render_png

    return _render_png(report, path, dpi=dpi, lang=lang, fail_on=fail_on, layers=layers)


def write_pdf(
    report: Report,
    path: str | Path,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | None = None,
) -> Path:
    """Write the PDF report (summary, annotated plan, findings, rules passed and skipped)."""
    from .report.pdf import write_pdf as _write_pdf

    return _write_pdf(report, path, lang=lang, fail_on=fail_on, layers=layers)


def write_html(
    report: Report,
    path: str | Path,
    lang: str = "en",
    fail_on: str = "error",
    layers: str | None = None,
) -> Path:
    """Write the interactive HTML report: one self-contained file (plan, findings, filters)."""
    from .report.html import write_html as _write_html

    return _write_html(report, path, lang=lang, fail_on=fail_on, layers=layers)


def write_outputs(report: Report, outputs: Outputs, source: str | Path | None = None) -> list[Path]:
    """Write every output ``outputs`` asks for; returns the paths written. ``source`` is the
    drawing the annotated DXF copies (default: the report's file); it is never written over."""
    source = source or report.file
    outputs.check([source] if source else [])
    if outputs.mkdir:
        for p in outputs.paths:
            p.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    lang, fail_on, layers = outputs.lang, outputs.fail_on, outputs.layers
    if outputs.png is not None:
        written.append(render_png(report, outputs.png, outputs.dpi, lang, fail_on, layers))
    if outputs.pdf is not None:
        written.append(write_pdf(report, outputs.pdf, lang, fail_on, layers))
    if outputs.html is not None:
        written.append(write_html(report, outputs.html, lang, fail_on, layers))
    if outputs.annotated_dxf is not None:
        from .report.annotated_dxf import write_annotated_dxf

        written.append(write_annotated_dxf(report, source, outputs.annotated_dxf))
    return written


@dataclass(frozen=True)
class CheckJob:
    """One plan to read, check and write outputs for (picklable: it runs in a worker too)."""

    path: str
    config: Config = field(default_factory=Config)
    explicit_config: bool = False
    outputs: Outputs = field(default_factory=Outputs)
    layout: str | None = None
    region: str | None = None
    storey: str | None = None
    # suggestions (cameras to add) in the report when FC701–FC703 fail: seconds of work, so
    # only for the outputs that carry them (JSON, the annotated plan and DXF)
    suggest: bool = False


@dataclass(frozen=True)
class JobResult:
    """What became of one plan of a job: its report, and the one-line reason when the drawing
    could not be used (no report) or an output could not be written (the report stands) —
    ``error`` in English, ``error_zh`` in Chinese. A file holding several plans gives one result
    per plan (``part`` names it)."""

    path: str
    part: str = ""
    report: Report | None = None
    error: str | None = None
    written: tuple[Path, ...] = ()
    error_zh: str | None = None

    def error_text(self, lang: str = "en") -> str | None:
        """The error in ``lang``."""
        return (self.error_zh or self.error) if lang == "zh" else self.error


def run_job(job: CheckJob, *, keep_geometry: bool = True) -> list[JobResult]:
    """Read, check and write the outputs of every plan of one file. An input error becomes the
    one result's ``error``.

    Without ``keep_geometry`` each report drops its plan and analysis once the outputs are
    written: what a worker process sends back, and what a batch keeps, is the data alone.
    """
    try:
        config = config_for(job.path, job.config, explicit=job.explicit_config)
        plans = load_plans(
            job.path, layout=job.layout, region=job.region, config=config, storey=job.storey
        )
        results = []
        for plan in plans:
            report = engine.check(plan, config=config)
            if job.suggest:
                with_suggestions(report, config)
            outputs = job.outputs.for_part(plan.part) if len(plans) > 1 else job.outputs
            try:
                written, error = tuple(write_outputs(report, outputs, job.path)), None
            except OutputError as exc:  # the check stands; the output is what failed
                written, error = (), exc
            if not keep_geometry:
                report.plan = report.analysis = None
            results.append(
                JobResult(
                    job.path,
                    plan.part,
                    report,
                    None if error is None else str(error),
                    written,
                    None if error is None else error.text("zh"),
                )
            )
        return results
    except InputError as exc:
        return [JobResult(job.path, error=str(exc), error_zh=exc.text("zh"))]
    except MemoryError:
        return [
            JobResult(
                job.path,
                error=f"{job.path}: the drawing is too large to check in memory — check one floor at a time",
                error_zh=f"{job.path}：图纸过大，内存中无法检查——请每次只检查一层",
            )
        ]


def _run_job_paused(job: CheckJob) -> list[JobResult]:
    with gc_paused():
        return run_job(job, keep_geometry=False)


def _run_job_light(job: CheckJob) -> list[JobResult]:
    return run_job(job, keep_geometry=False)


def run_jobs(
    jobs: Iterable[CheckJob], workers: int = 1, *, pause_gc: bool = False
) -> Iterator[list[JobResult]]:
    """Run jobs in order, in ``workers`` processes when more than one; each job's results come
    in the order of the jobs. Reports keep no geometry (a batch must not hold every plan).

    ``pause_gc`` pauses the cyclic garbage collector while each plan is read and checked (a
    quarter of the reading time of a 100 MB drawing); only a program that owns its process
    (the CLI, the benchmarks) should ask for it.
    """
    jobs = list(jobs)
    one = _run_job_paused if pause_gc else _run_job_light
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(one, jobs)
        return
    for job in jobs:
        yield one(job)
