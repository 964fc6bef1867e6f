"""The web app: ``GET /`` (the page), ``GET /healthz``, ``POST /api/check``, ``/openapi.json``.

FastAPI (on Starlette) describes the API in OpenAPI from the handler's own signature, validates
the form fields, and is served by uvicorn; both are mature, widely used and pure Python wheels.

Safety, as the issue asks:
- the body is counted as it arrives and refused past ``max_upload_mb`` (413), before any part of
  it is parsed — a declared Content-Length that is too large is refused without reading;
- an upload is written under the server's own temporary folder as ``upload.<suffix>`` (suffix
  from a fixed list), never under a name or path the client sent; the folder is removed before
  the response is sent;
- checks run in a pool of worker processes (pebble): one drawing past the time limit has its
  process ended and gets 504, the others go on;
- nothing a client sends is executed, evaluated or used as a path; reports name the upload by
  its sanitised file name.
"""

from __future__ import annotations

import asyncio
import html
import json
import multiprocessing
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pebble import ProcessExpired, ProcessPool

from .._version import __version__
from ..errors import detail_zh
from ..vocab import LEVELS
from .worker import run_check

__all__ = ["create_app", "ServeSettings", "SUFFIXES"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Suffixes the readers know; anything else is saved as .dxf and the reader says what it is.
SUFFIXES = (".dxf", ".dwg", ".ifc", ".ifczip")
_FORM_SLACK = 64 * 1024  # the multipart envelope and the small fields around the file


@dataclass(frozen=True)
class ServeSettings:
    max_upload_mb: float = 200.0
    workers: int = 2
    # seconds a check may run; FLOORCHECK_SERVE_TIME_LIMIT overrides the default
    time_limit_s: float = 300.0
    # where uploads are written; a fresh private folder under the system's temp dir by default
    tmp_root: str | None = None
    # the language the page opens in and the API answers in when a request names none
    # (None: the page follows the browser's language, the API answers in English)
    lang: str | None = None

    @property
    def answer_lang(self) -> str:
        return self.lang or "en"

    @property
    def max_body(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024) + _FORM_SLACK

    @classmethod
    def from_env(cls, **given: Any) -> ServeSettings:
        env_limit = os.environ.get("FLOORCHECK_SERVE_TIME_LIMIT")
        if env_limit and "time_limit_s" not in given:
            given["time_limit_s"] = float(env_limit)
        if os.environ.get("FLOORCHECK_SERVE_TMPDIR") and "tmp_root" not in given:
            given["tmp_root"] = os.environ["FLOORCHECK_SERVE_TMPDIR"]
        return cls(**given)


def _json_error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _said(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


class BodyLimit:
    """ASGI middleware: 413 for a body larger than ``limit`` bytes — at once when the declared
    Content-Length says so, else as soon as the streamed body passes it. The answer is in
    ``lang`` (the body, which may name another, is never read)."""

    def __init__(self, app: ASGIApp, limit: int, lang: str = "en") -> None:
        self.app = app
        self.limit = limit
        self.lang = lang

    def _too_large(self) -> JSONResponse:
        mb = self.limit // 1048576
        return _json_error(
            413,
            _said(
                self.lang,
                f"the upload is larger than the server's limit of {mb} MB",
                f"上传的文件超过服务器的上限 {mb} MB",
            ),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large()(scope, receive, send)
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen = 0
        rejected = False

        async def counted() -> Message:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # answer now; the app sees the client gone and stops reading
                    rejected = True
                    await self._too_large()(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not rejected:
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not rejected:
                raise


def _safe_name(filename: str | None) -> tuple[str, str]:
    """(display name, suffix to save under): the last path component, reduced to plain
    characters; the suffix from ``SUFFIXES`` or .dxf."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = re.sub(r"[^\w.\- ()\[\]\u4e00-\u9fff]", "_", base).strip(" .")[:120] or "upload.dxf"
    suffix = Path(base).suffix.lower()
    return base, suffix if suffix in SUFFIXES else ".dxf"


def _page(lang: str | None = None) -> str:
    """The page; ``lang`` (en or zh) is the language it opens in, else the browser's."""
    options = "".join(
        f'<option value="{lv.id}">{lv.id} {html.escape(lv.zh)}</option>' for lv in LEVELS.values()
    )
    page = (files("floorcheck.web") / "page.html").read_text(encoding="utf-8")
    page = page.replace('data-initial=""', f'data-initial="{lang}"' if lang else 'data-initial=""')
    return page.replace("<!--LEVELS-->", options)


_PAGE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'self'; frame-src blob: data:; base-uri 'none'; "
    "form-action 'self'"
)
_REPORT_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The ASGI application (uvicorn serves it; tests may too)."""
    settings = settings or ServeSettings.from_env()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        own_root = settings.tmp_root is None
        root = Path(settings.tmp_root or tempfile.mkdtemp(prefix="floorcheck-serve-"))
        root.mkdir(parents=True, exist_ok=True)
        state["root"] = root
        # spawned workers: no fork of a process that runs an event loop and threads
        state["pool"] = ProcessPool(
            max_workers=settings.workers, context=multiprocessing.get_context("spawn")
        )
        try:
            yield
        finally:
            state["pool"].stop()
            state["pool"].join(timeout=10)
            if own_root:
                shutil.rmtree(root, ignore_errors=True)

    app = FastAPI(
        title="floorcheck",
        version=__version__,
        description="Check floor plans of government service halls against the Changchun guide "
        "(长春市政务服务中心、便民服务中心（站）标准化建设指南 2022).",
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads scripts from a CDN; /openapi.json is all here
        redoc_url=None,
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        field = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        msg = str(first.get("msg", "invalid value"))
        return _json_error(
            422,
            _said(
                settings.answer_lang, f"{field}: {msg}", f"{field}：取值无效（{detail_zh(msg)}）"
            ),
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(
            _page(settings.lang),
            headers={"Content-Security-Policy": _PAGE_CSP, "X-Content-Type-Options": "nosniff"},
        )

    @app.get("/healthz", summary="Health check")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "workers": settings.workers}

    @app.post(
        "/api/check",
        summary="Check a drawing",
        responses={
            200: {"description": "the report: JSON (schema 1), or the ?format= asked for"},
            400: {"description": 'the drawing cannot be used: {"error": "..."}'},
            413: {"description": "the upload is larger than the server's limit"},
            422: {"description": "an option is not valid"},
            504: {"description": "the check ran past the time limit"},
        },
    )
    async def check(
        file: Annotated[UploadFile, File(description="the drawing: DXF (DWG, IFC where readable)")],
        level: Annotated[str | None, Form(description=f"hall level: {', '.join(LEVELS)}")] = None,
        lang: Annotated[
            Literal["en", "zh"] | None,
            Form(description="language of the report and of errors (default: the server's)"),
        ] = None,
        staff: Annotated[int | None, Form(ge=0, le=100_000)] = None,
        peak_visitors: Annotated[int | None, Form(ge=0, le=1_000_000)] = None,
        floor: Annotated[int | None, Form(ge=-10, le=200)] = None,
        storeys: Annotated[int | None, Form(ge=1, le=200)] = None,
        format: Annotated[
            Literal["json", "html", "pdf", "sarif", "junit", "dxf"], Query()
        ] = "json",
    ) -> Response:
        answer_lang = lang or settings.answer_lang
        if level is not None and level != "" and level not in LEVELS:
            return _json_error(
                422,
                _said(
                    answer_lang,
                    f"level: {level!r} is not a level; use one of {', '.join(LEVELS)}",
                    f"level：{level!r} 不是大厅级别；请使用 {'、'.join(repr(k) for k in LEVELS)} 之一",
                ),
            )
        options = {
            "level": level or None,
            "lang": answer_lang,
            "staff": staff,
            "peak_visitors": peak_visitors,
            "floor": floor,
            "storeys": storeys,
        }
        return await _run(state, settings, file, options, format)

    return app


async def _run(
    state: dict[str, Any],
    settings: ServeSettings,
    upload: UploadFile,
    options: dict[str, Any],
    fmt: str,
) -> Response:
    name, suffix = _safe_name(upload.filename)
    lang = options["lang"]
    folder = Path(tempfile.mkdtemp(prefix="req-", dir=state["root"]))
    try:
        path = folder / f"upload{suffix}"
        with path.open("wb") as out:
            await asyncio.to_thread(shutil.copyfileobj, upload.file, out, 1 << 20)
        await upload.close()
        if path.stat().st_size == 0:
            return _json_error(
                400,
                _said(
                    lang,
                    f"{name}: the file is empty — upload the drawing itself",
                    f"{name}：文件为空——请上传图纸文件本身",
                ),
            )
        future = state["pool"].schedule(
            run_check, args=(str(path), name, options, fmt), timeout=settings.time_limit_s
        )
        try:
            status, media, body = await asyncio.wrap_future(future)
        except (FutureTimeout, TimeoutError):
            limit = f"{settings.time_limit_s:g}"
            return _json_error(
                504,
                _said(
                    lang,
                    f"{name}: the check took longer than the server's limit of {limit} s — "
                    "check one floor at a time, or run 'floorcheck check' on your own machine",
                    f"{name}：检查用时超过服务器的上限 {limit} s——请每次只检查一层，"
                    "或在自己的电脑上运行 floorcheck check",
                ),
            )
        except ProcessExpired:
            return _json_error(
                500,
                _said(
                    lang,
                    f"{name}: the check stopped unexpectedly (out of memory?) — "
                    "check one floor at a time",
                    f"{name}：检查意外中止（可能内存不足）——请每次只检查一层",
                ),
            )
        headers = {"X-Content-Type-Options": "nosniff"}
        if status == 200 and fmt != "json":
            stem = Path(name).stem or "report"
            ext = {"junit": "xml", "sarif": "sarif"}.get(fmt, fmt)
            disposition = "inline" if fmt == "html" else "attachment"
            headers["Content-Disposition"] = (
                f'{disposition}; filename="{_ascii(stem)}-floorcheck.{ext}"'
            )
        if fmt == "html":
            headers["Content-Security-Policy"] = _REPORT_CSP
        return Response(body, status_code=status, media_type=media, headers=headers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ascii(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)[:80] or "report"


def json_error_body(message: str) -> bytes:
    """The body of an error answer (for clients and tests)."""
    return json.dumps({"error": message}, ensure_ascii=False).encode()


def serve(
    host: str, port: int, max_upload_mb: float, workers: int, lang: str | None = None
) -> None:
    """Run the app with uvicorn until interrupted; ``lang`` is the page's first language and
    the API's default one."""
    import uvicorn

    settings = ServeSettings.from_env(max_upload_mb=max_upload_mb, workers=workers, lang=lang)
    app = BodyLimit(create_app(settings), settings.max_body, settings.answer_lang)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on")
