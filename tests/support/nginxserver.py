"""Serve a built site with Debian's nginx and the site's own generated nginx-handbook.conf, to test
the self-hosting configuration as it ships (only `listen` and `root` are set for the test)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_conf(shipped: str, root: Path, port: int) -> str:
    """The shipped server block with the test's address and document root."""
    lines = shipped.splitlines()
    listen = [i for i, line in enumerate(lines) if line.strip() == "listen 80;"]
    roots = [i for i, line in enumerate(lines) if line.strip().startswith("root ")]
    if len(listen) != 1 or len(roots) != 1:
        raise ValueError("nginx-handbook.conf must have exactly one `listen 80;` and one `root …;` line")
    lines[listen[0]] = f"    listen 127.0.0.1:{port};"
    lines[roots[0]] = f"    root {root};"
    return "\n".join(lines) + "\n"


class NginxServer:
    """`with NginxServer(site) as url: …` – nginx in the foreground, in a private prefix folder."""

    def __init__(self, site: Path):
        self.site = site.resolve()
        self.process: subprocess.Popen | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))

    def __enter__(self) -> str:
        port = _free_port()
        shipped = (self.site / "nginx-handbook.conf").read_text(encoding="utf-8")
        (self.folder / "handbook.conf").write_text(site_conf(shipped, self.site, port), encoding="utf-8")
        temp = self.folder / "temp"
        temp.mkdir()
        (self.folder / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
daemon off;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.folder}/handbook.conf;
}}
""", encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejects the generated configuration:\n{check.stderr}")
        self.process = subprocess.Popen([NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not start: {(self.folder / 'error.log').read_text(errors='replace')}")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
