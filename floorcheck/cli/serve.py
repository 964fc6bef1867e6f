"""``floorcheck serve``: the local web app (drop a drawing, get the report)."""

from __future__ import annotations

import click

__all__ = ["serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(min=0.001),
    default=200.0,
    show_default=True,
    help="Largest upload accepted (413 past it).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes that check drawings in parallel.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    help="Language the page opens in and the API answers in when a request names none "
    "(default: the browser's language; the API answers in English).",
)
def serve(host: str, port: int, max_upload_mb: float, workers: int, lang: str | None) -> None:
    """Run the local web app: open http://HOST:PORT/ and drop a drawing on it.

    A check may run FLOORCHECK_SERVE_TIME_LIMIT seconds (default 300; 504 past it). Uploads are
    written to a private temporary folder and deleted after each answer. The API is described
    at /openapi.json; POST /api/check takes the drawing as the form field 'file'.
    """
    from ..web.app import serve as run

    if host not in ("127.0.0.1", "localhost", "::1"):
        warning = (
            f"floorcheck：正在 {host} 上提供服务：能访问此地址的任何人都可以上传图纸"
            if lang == "zh"
            else f"floorcheck: serving on {host}: anyone who can reach this address can upload drawings"
        )
        click.echo(warning, err=True)
    run(host, port, max_upload_mb, workers, lang)
