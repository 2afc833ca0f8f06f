"""Benchmark `kunskapsbank check`: generate N valid projects, check them, print time and memory.

    .venv/bin/python bench/bench_check.py [N] [--cli] [--tracemalloc] [--keep DIR]

N defaults to 10 000. The projects come from bench_build.py's generator: varied districts, areas,
years, topics, funding and attachments, a Swedish body of about 300 words, and no warnings, so the
run measures the checker, not the printing of thousands of messages. About one project in ten has
a PDF attachment, whose text the first check reads and the second finds in the cache.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import redirect_stdout
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from bench_build import generate  # noqa: E402  one generator for every benchmark
from generator import corpus  # noqa: E402
from generator.cli import main as cli_main  # noqa: E402
from generator.vocabulary import load as load_vocabulary  # noqa: E402

def peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_check(root: Path, use_cli: bool) -> tuple[int, int, int]:
    """(files, errors, warnings)."""
    if use_cli:
        out = io.StringIO()
        with redirect_stdout(out):
            status = cli_main(["check", "--format", "json", str(root)])
        report = json.loads(out.getvalue())
        print(f"  check: {report['summary']} (status {status})")
        return report["files"], report["errors"], report["warnings"]
    result = corpus.load(root, load_vocabulary())
    errors = sum(d.is_error for d in result.diagnostics)
    return len(result.files), errors, len(result.diagnostics) - errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000, help="number of projects (default 10000)")
    parser.add_argument("--cli", action="store_true", help="run through `kunskapsbank check` instead of corpus.load")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report Python's peak allocation during the check (slows the check down)")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kunskapsbank-bench-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp) / "content"
        began = time.perf_counter()
        generate(root, args.count)
        generated = time.perf_counter() - began
        size = sum(p.stat().st_size for p in (root / "projects").iterdir())
        print(f"generated {args.count} projects ({size / 1024 / 1024:.1f} MiB) in {generated:.1f} s")

        rss_before = peak_rss_mib()
        if args.tracemalloc:
            tracemalloc.start()
        began = time.perf_counter()
        files, errors, warnings = run_check(root, args.cli)
        elapsed = time.perf_counter() - began
        traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if args.tracemalloc else None
        if args.tracemalloc:
            tracemalloc.stop()

        print(f"checked {files} files with {'the CLI' if args.cli else 'corpus.load'}: "
              f"{errors} errors, {warnings} warnings")
        print(f"wall time: {elapsed:.2f} s ({files / elapsed:,.0f} files/s, {elapsed / files * 1000:.2f} ms/file)"
              + (" [with tracemalloc]" if args.tracemalloc else ""))
        print(f"peak RSS: {peak_rss_mib():.0f} MiB (before the check: {rss_before:.0f} MiB)")
        # The first check reads every attachment's text (pypdf); later ones find it in the cache
        # beside the content root, as an editor's second check or a CI run with its cache does.
        began = time.perf_counter()
        run_check(root, args.cli)
        again = time.perf_counter() - began
        print(f"second check, attachments from the cache: {again:.2f} s ({again / files * 1000:.2f} ms/file)")
        if traced is not None:
            print(f"peak Python allocation during the check (tracemalloc): {traced:.0f} MiB")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
