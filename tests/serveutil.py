"""`kunskapsbank serve` as a subprocess, for tests/test_serve_browser.py and bench/bench_serve.py."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# A generous bound for one rebuild and the page's reload: the bundled content rebuilds in about two
# seconds on an idle machine, but the test machine may be shared.
REFRESH_MS = 45_000


class ServeProcess:
    """The `kunskapsbank serve` process in its own process group, and everything it printed."""

    def __init__(self, folder: Path, port: int, mount: str = "/"):
        self.folder = folder
        self.url = f"http://127.0.0.1:{port}{mount}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("kunskapsbank")), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self._lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self._lines)

    def wait_for_output(self, text: str, after: int = 0, timeout: float = REFRESH_MS / 1000) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output[after:]:
            assert self.process.poll() is None, f"serve stopped; it printed:\n{self.output}"
            assert time.monotonic() < deadline, f"serve never printed {text!r}; it printed:\n{self.output}"
            time.sleep(0.1)

    def wait_until_serving(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            assert self.process.poll() is None, f"serve stopped; it printed:\n{self.output}"
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except OSError:
                assert time.monotonic() < deadline, f"serve never answered; it printed:\n{self.output}"
                time.sleep(0.2)

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def edit(self, relative: str, old: str, new: str) -> int:
        """Save the file with old replaced by new; returns where the output stood before the save."""
        path = self.folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        mark = len(self.output)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return mark


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_bundled(folder: Path, mount: str = "/") -> None:
    """The bundled content, theme, vocabulary and mkdocs.yml in folder, the site served under mount."""
    for part in ("content", "theme"):
        shutil.copytree(REPO / part, folder / part)
    shutil.copy(REPO / "generator" / "vocabulary.yml", folder / "vocabulary.yml")  # edited by tests, never the real one
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins:\n  - kunskapsbank\n" in config
    config = config.replace("plugins:\n  - kunskapsbank\n",
                            "plugins:\n  - kunskapsbank:\n      vocabulary: vocabulary.yml\n")
    (folder / "mkdocs.yml").write_text(f"site_url: https://intranat.example{mount}\n" + config, encoding="utf-8")
