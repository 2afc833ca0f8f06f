"""Getting the Pagefind indexer (generator/pagefind_binary.py): fetched once from the npm registry,
checked against a pinned SHA-512, kept in the cache; refused when it does not match; clear Swedish
errors where it cannot be had. The fetch is replaced by a function that serves a small archive."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile

import pytest

from generator import pagefind_binary as pb
from siteutil import fixture_site  # noqa: F401 (pytest fixture)

PROGRAM = b"#!/bin/sh\necho pagefind\n"


def npm_package(member: str = "package/bin/pagefind_extended", data: bytes = PROGRAM) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


class Registry:
    """Serves one archive and counts the requests."""

    def __init__(self, data: bytes):
        self.data, self.urls = data, []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.data


@pytest.fixture(autouse=True)
def no_override(monkeypatch):
    monkeypatch.delenv(pb.OVERRIDE, raising=False)


def test_fetched_once_checked_and_kept_in_the_cache(tmp_path, monkeypatch, capsys):
    archive = npm_package()
    monkeypatch.setitem(pb._PACKAGES, ("linux", "x86_64"), ("linux-x64", integrity(archive)))
    registry = Registry(archive)
    binary = pb.pagefind_binary(tmp_path, registry, system="Linux", machine="x86_64")
    assert binary.read_bytes() == PROGRAM
    assert os.access(binary, os.X_OK)
    assert registry.urls == [f"https://registry.npmjs.org/@pagefind/linux-x64/-/linux-x64-{pb.PAGEFIND_VERSION}.tgz"]
    assert "Hämtar sökmotorn Pagefind" in capsys.readouterr().err
    # The second build uses the kept copy and asks the registry nothing.
    assert pb.pagefind_binary(tmp_path, registry, system="Linux", machine="x86_64") == binary
    assert len(registry.urls) == 1


def test_a_file_that_does_not_match_the_pinned_checksum_is_refused(tmp_path):
    registry = Registry(npm_package(data=b"#!/bin/sh\necho something else\n"))
    with pytest.raises(pb.PagefindUnavailable, match="stämmer inte med den kontrollsumma"):
        pb.pagefind_binary(tmp_path, registry, system="Linux", machine="x86_64")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_no_network_says_what_to_do(tmp_path):
    def offline(url):
        return pb._fetch("http://127.0.0.1:9/pagefind.tgz")  # nothing listens on port 9

    with pytest.raises(pb.PagefindUnavailable) as error:
        pb.pagefind_binary(tmp_path, offline, system="Linux", machine="x86_64")
    assert "kunde inte hämtas" in str(error.value) and pb.OVERRIDE in str(error.value)


@pytest.mark.parametrize("system, machine, package, name", [
    ("Linux", "x86_64", "linux-x64", "pagefind_extended"),
    ("Linux", "aarch64", "linux-arm64", "pagefind_extended"),
    ("Darwin", "arm64", "darwin-arm64", "pagefind_extended"),
    ("Darwin", "x86_64", "darwin-x64", "pagefind_extended"),
    ("Windows", "AMD64", "windows-x64", "pagefind_extended.exe"),
])
def test_each_platform_gets_its_own_package(tmp_path, monkeypatch, system, machine, package, name):
    archive = npm_package(member=f"package/bin/{name}")
    key = (system.lower(), pb._MACHINES.get(machine.lower(), machine.lower()))
    monkeypatch.setitem(pb._PACKAGES, key, (package, integrity(archive)))
    registry = Registry(archive)
    binary = pb.pagefind_binary(tmp_path, registry, system=system, machine=machine)
    assert binary.name == name and f"/@pagefind/{package}/" in registry.urls[0]


def test_a_machine_without_a_package_is_told_how_to_build_one(tmp_path):
    with pytest.raises(pb.PagefindUnavailable, match=f"finns inte färdig för freebsd/riscv64.*{pb.OVERRIDE}"):
        pb.pagefind_binary(tmp_path, Registry(b""), system="FreeBSD", machine="riscv64")


def test_the_override_names_the_binary_to_use(tmp_path, monkeypatch):
    own = tmp_path / "pagefind"
    own.write_bytes(PROGRAM)
    monkeypatch.setenv(pb.OVERRIDE, str(own))
    assert pb.pagefind_binary(tmp_path / "cache", Registry(b"")) == own
    monkeypatch.setenv(pb.OVERRIDE, str(tmp_path / "saknas"))
    with pytest.raises(pb.PagefindUnavailable, match="som inte finns"):
        pb.pagefind_binary(tmp_path / "cache", Registry(b""))


def test_the_site_is_indexed_by_the_pinned_version(fixture_site):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == pb.PAGEFIND_VERSION
