"""Start real SPARQL servers on free 127.0.0.1 ports for the remote-store tests.

Each helper is a context manager that yields the kg store URL of a fresh, empty server
and stops the server (and its whole process group) on exit. Usable by hand too::

    python -m tests.remote.servers oxigraph   # prints the URL, serves until Ctrl-C
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # the fresh database's default; the server binds 127.0.0.1 only

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary (from ``pip install oxigraph``), or None."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def virtuoso_binaries() -> tuple[str, str] | None:
    """The Virtuoso server and its isql client (Debian ``virtuoso-opensource``), or None."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    return (server, isql) if server and isql else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[str]:
    """An ``oxigraph serve`` with its data in ``directory``; yields ``oxigraph+http://127.0.0.1:PORT``."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("oxigraph")
    port = free_port()
    command = [binary, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"]
    with _running(command, directory / "oxigraph.log", f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
        yield f"oxigraph+http://127.0.0.1:{port}"


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[str]:
    """A Virtuoso Open Source server with its database in ``directory``.

    Yields ``virtuoso+http://dba:dba@127.0.0.1:PORT``: kg then uses the Digest-protected
    ``/sparql-auth`` and ``/sparql-graph-crud-auth`` endpoints.
    """
    binaries = virtuoso_binaries()
    if binaries is None:
        raise FileNotFoundError("virtuoso-t")
    server, _ = binaries
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    command = [server, "+foreground", "+configfile", str(ini)]
    with _running(command, directory / "virtuoso.out", f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D",
                  startup_seconds=120):
        yield f"virtuoso+http://{VIRTUOSO_USER}:{VIRTUOSO_PASSWORD}@127.0.0.1:{http_port}"


@contextmanager
def _running(command: list[str], log: Path, ready_url: str, startup_seconds: float = 30) -> Iterator[None]:
    """Run ``command`` in its own process group until the block ends; wait until ``ready_url`` answers 200."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=log.parent, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        _wait_until_ready(process, ready_url, startup_seconds, log)
        yield
    finally:
        _stop(process)


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{process.args[0]} did not answer {url} within {seconds} s:\n{log.read_text(errors='replace')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main(kind: str) -> None:
    """Serve an empty server of ``kind`` (oxigraph or virtuoso) until interrupted; print its kg URL."""
    import tempfile

    starter = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}[kind]
    with tempfile.TemporaryDirectory(prefix=f"kg-{kind}-") as directory, starter(Path(directory)) as url:
        print(url, flush=True)
        with suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oxigraph")
