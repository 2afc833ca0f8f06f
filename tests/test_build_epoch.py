"""The sitemap's date follows the content in every build of a long-running process (`serve`)."""

from __future__ import annotations

import datetime as dt
import struct

import pytest

from siteutil import build, copy_fixture


def sitemap_date(site) -> dt.date:
    """The date in the gzip header of sitemap.xml.gz, which MkDocs takes from SOURCE_DATE_EPOCH."""
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    return dt.datetime.fromtimestamp(struct.unpack("<I", header[4:8])[0], dt.timezone.utc).date()


@pytest.fixture
def clean_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("KUNSKAPSBANK_SOURCE_DATE_EPOCH", raising=False)


def test_a_later_build_in_the_same_process_dates_its_own_content(tmp_path, clean_epoch):
    content = copy_fixture(tmp_path)
    assert build(content, tmp_path / "first", tmp_path) == 0
    first = sitemap_date(tmp_path / "first")
    newer = content / "projects" / "oversta-projektet.md"
    newer.write_text(newer.read_text(encoding="utf-8").replace("start: 2016\n", "start: 2016\nupdated: 2030-05-17\n"),
                     encoding="utf-8")
    assert build(content, tmp_path / "second", tmp_path) == 0
    assert first < dt.date(2030, 5, 17)
    assert sitemap_date(tmp_path / "second") == dt.date(2030, 5, 17)


def test_a_source_date_epoch_set_by_the_user_wins(tmp_path, clean_epoch, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2001, 2, 3, tzinfo=dt.timezone.utc).timestamp())))
    assert build(copy_fixture(tmp_path), tmp_path / "site", tmp_path) == 0
    assert sitemap_date(tmp_path / "site") == dt.date(2001, 2, 3)
