"""``floorcheck serve`` against a running server on 127.0.0.1: uploads, limits, errors, cleanup."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SAMPLES

httpx = pytest.importorskip("httpx")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.tmp = tmp
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {**os.environ, "FLOORCHECK_SERVE_TMPDIR": str(tmp), **(env or {})}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "floorcheck", "serve", "--port", str(self.port), *args],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
            if self.proc.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"server did not start: {self.proc.stdout.read().decode()[-2000:]}")

    def post(
        self,
        path: Path | None = None,
        *,
        name: str | None = None,
        data: bytes | None = None,
        fields: dict[str, str] | None = None,
        fmt: str | None = None,
    ) -> httpx.Response:
        content = data if data is not None else path.read_bytes()  # type: ignore[union-attr]
        url = self.url + "/api/check" + (f"?format={fmt}" if fmt else "")
        return httpx.post(
            url,
            files={"file": (name or path.name, content)},
            data=fields or {},
            timeout=120,  # type: ignore[union-attr]
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve-tmp")
    srv = Server(tmp, "--max-upload-mb", "1", "--workers", "2")
    yield srv
    srv.stop()
    # the server's temporary folder holds nothing after every request and the shutdown
    assert list(tmp.iterdir()) == []


def test_health_and_openapi(server: Server) -> None:
    assert httpx.get(server.url + "/healthz").json()["status"] == "ok"
    spec = httpx.get(server.url + "/openapi.json").json()
    check = spec["paths"]["/api/check"]["post"]
    fields = check["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "file" in json.dumps(spec) and {"400", "413", "422", "504"} <= set(check["responses"])
    assert fields
    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and "api/check" in page.text and "county" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_upload_a_sample_gives_the_json_report(server: Server) -> None:
    r = server.post(SAMPLES / "county_bad_layout.dxf", fields={"level": "county", "staff": "20"})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["schema"] == 1 and report["level"] == "county"
    assert report["file"] == "county_bad_layout.dxf"  # never the server's path
    assert report["summary"]["errors"] > 0


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("html", b"<!doctype html>"),
        ("pdf", b"%PDF"),
        ("sarif", b"{"),
        ("junit", b"<?xml"),
        ("dxf", b""),
    ],
)
def test_every_format(server: Server, fmt: str, start: bytes) -> None:
    r = server.post(SAMPLES / "county_ok.dxf", fields={"lang": "zh"}, fmt=fmt)
    assert r.status_code == 200, r.text
    assert r.content.startswith(start)
    if fmt == "dxf":
        assert b"FLOORCHECK" in r.content or r.headers["content-type"] == "application/dxf"
    if fmt == "html":
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert 'data-lang="zh"' in r.text


def test_eight_uploads_at_once_are_all_answered(server: Server) -> None:
    names = ["county_ok", "county_bad_layout", "county_bad_cameras", "county_bad_access"] * 2
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: server.post(SAMPLES / f"{n}.dxf"), names))
    assert [a.status_code for a in answers] == [200] * 8
    assert [a.json()["file"] for a in answers] == [f"{n}.dxf" for n in names]


def test_oversize_upload_is_413(server: Server) -> None:
    r = server.post(name="big.dxf", data=b"0\n" * 700_000)  # 1.4 MB > 1 MB
    assert r.status_code == 413 and "limit of 1 MB" in r.json()["error"]


def _raw(port: int, head: bytes, chunks: Iterator[bytes]) -> bytes:
    """Send a request by hand (a client that lies about, or streams, its body) and read the
    answer; the server may close the connection before the body is all sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head)
        try:
            for chunk in chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        out = b""
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                out += data
        except (ConnectionResetError, TimeoutError):
            pass
        return out


def test_a_zip_bomb_sized_body_is_refused_before_it_is_read(server: Server) -> None:
    head = (
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
        b"Content-Length: 53687091200\r\nConnection: close\r\n\r\n"
    )
    t = time.monotonic()
    answer = _raw(server.port, head, iter([b"--B\r\n"]))
    assert answer.startswith(b"HTTP/1.1 413") and b'"error"' in answer
    assert time.monotonic() - t < 10


def test_a_streamed_body_without_length_is_cut_at_the_limit(server: Server) -> None:
    head = (
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    part = b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.dxf"\r\n\r\n'
    block = b"0\nSECTION\n" * 6000

    def chunks() -> Iterator[bytes]:
        yield b"%x\r\n%s\r\n" % (len(part), part)
        for _ in range(2000):  # would be 120 MB: the server stops it at 1 MB
            yield b"%x\r\n%s\r\n" % (len(block), block)
        yield b"0\r\n\r\n"

    answer = _raw(server.port, head, chunks())
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_broken_file_gets_the_one_line_message(server: Server) -> None:
    r = server.post(name="plan.dxf", data=b"this is not a drawing\n" * 50)
    assert r.status_code == 400
    message = r.json()["error"]
    assert message.startswith("plan.dxf: ") and "\n" not in message
    assert str(server.tmp) not in message
    truncated = (SAMPLES / "county_ok.dxf").read_bytes()[:5000]
    r = server.post(name="cut.dxf", data=truncated)
    assert 400 <= r.status_code < 500 and r.json()["error"].startswith("cut.dxf")
    empty = server.post(name="empty.dxf", data=b"")
    assert empty.status_code == 400 and "empty" in empty.json()["error"]


def test_a_path_traversal_name_is_never_used_as_a_path(server: Server, tmp_path: Path) -> None:
    target = tmp_path / "evil.dxf"
    name = "../../../../" + str(target).lstrip("/")
    r = server.post(SAMPLES / "county_ok.dxf", name=name)
    assert r.status_code == 200
    assert r.json()["file"] == "evil.dxf"
    assert not target.exists()
    r = server.post(SAMPLES / "county_ok.dxf", name="..\\..\\windows\\x.dxf")
    assert r.status_code == 200 and r.json()["file"] == "x.dxf"


def test_bad_options_are_422(server: Server) -> None:
    for fields in ({"level": "capital"}, {"staff": "-3"}, {"storeys": "many"}, {"lang": "fr"}):
        r = server.post(SAMPLES / "county_ok.dxf", fields=fields)
        assert r.status_code == 422, fields
        assert list(r.json()) == ["error"]
    assert (
        httpx.post(
            server.url + "/api/check?format=exe", files={"file": ("a.dxf", b"0")}
        ).status_code
        == 422
    )
    assert httpx.post(server.url + "/api/check", data={"level": "county"}).status_code == 422


def test_a_check_past_the_time_limit_is_504_and_the_server_goes_on(tmp_path: Path) -> None:
    srv = Server(tmp_path, "--workers", "1", env={"FLOORCHECK_SERVE_TIME_LIMIT": "0.05"})
    try:
        r = srv.post(SAMPLES / "county_bad_cameras.dxf")
        assert r.status_code == 504 and "longer than" in r.json()["error"]
        assert httpx.get(srv.url + "/healthz").status_code == 200
        r = srv.post(name="x.dxf", data=b"junk")  # the pool took a new worker
        assert r.status_code in (400, 504)
    finally:
        srv.stop()
    assert list(tmp_path.iterdir()) == []


def test_serve_lang_zh_answers_errors_in_chinese(tmp_path: Path) -> None:
    """``floorcheck serve --lang zh``: the page opens in Chinese and the API says why a file
    cannot be used in Chinese, unless a request asks for English."""
    from test_language import CJK, latin_words

    srv = Server(tmp_path, "--lang", "zh", "--workers", "1", "--max-upload-mb", "1")
    try:
        junk = b"this is not a drawing\n" * 50
        r = srv.post(name="plan.dxf", data=junk)
        assert r.status_code == 400
        message = r.json()["error"]
        assert message.startswith("plan.dxf：") and "\n" not in message
        assert CJK.search(message) and latin_words(message, {"plan.dxf"}) == []
        assert str(srv.tmp) not in message
        r = srv.post(name="plan.dxf", data=junk, fields={"lang": "en"})
        assert r.status_code == 400 and r.json()["error"].startswith("plan.dxf: is not a DXF")
        for answer in (
            srv.post(name="empty.dxf", data=b""),
            srv.post(SAMPLES / "county_ok.dxf", fields={"level": "capital"}),
            srv.post(name="big.dxf", data=b"0\n" * 700_000),
        ):
            assert answer.status_code in (400, 413, 422)
            assert CJK.search(answer.json()["error"]), answer.text
        assert 'data-initial="zh"' in httpx.get(srv.url + "/").text
    finally:
        srv.stop()
    assert list(tmp_path.iterdir()) == []


def test_the_page_follows_the_browser_without_serve_lang(server: Server) -> None:
    assert 'data-initial=""' in httpx.get(server.url + "/").text
