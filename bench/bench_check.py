"""Benchmark `kunskapsbank check`: generate N valid projects, check them, print time and memory.

    .venv/bin/python bench/bench_check.py [N] [--cli] [--tracemalloc] [--keep DIR]

N defaults to 10 000. The projects vary in districts, areas, years, topics and funding, and each has
a Swedish body of about 300 words. Funding from the counted sources is handed out at most three
projects per district and year, so that the content is free of warnings too and the run measures
the checker, not the printing of thousands of messages.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import corpus  # noqa: E402
from generator.cli import main as cli_main  # noqa: E402
from generator.vocabulary import load as load_vocabulary  # noqa: E402

TOPICS = ["föräldrastöd", "motiverande samtal", "samverkan", "skola", "ungdomar", "boendestöd", "missbruk",
          "våld i nära relationer", "delaktighet", "utvärdering", "implementering", "Housing First",
          "placerade barn", "ekonomiskt bistånd", "arbetsmarknad", "psykisk ohälsa", "brukarrevision",
          "nätverksarbete", "familjehem", "öppenvård", "uppsökande arbete", "kartläggning", "ASI", "BBIC"]
PARTNERS = ["Ersta Sköndal Bräcke högskola", "Stockholms universitet", "BRIS", "Karolinska institutet",
            "Stadsmissionen", "Rädda Barnen", "Länsstyrelsen i Stockholms län", "Socialstyrelsen"]
OWNERS = ["Stadsdelsförvaltningen {d}", "Socialförvaltningen, FoU-enheten", "Socialförvaltningen, Stöd och utveckling"]
SUBJECTS = ["Projektet", "Arbetsgruppen", "Stadsdelsförvaltningen", "Socialtjänsten", "Enheten", "Personalen",
            "Utvärderingen", "Kartläggningen", "Samverkansgruppen", "Projektledaren"]
VERBS = ["har prövat", "har utvecklat", "har följt upp", "har beskrivit", "har utbildat personal i",
         "har samordnat", "har förbättrat", "har dokumenterat", "har analyserat", "har infört"]
OBJECTS = ["ett nytt arbetssätt för barn och unga", "stödet till familjer med ekonomiskt bistånd",
           "samverkan mellan skola och socialtjänst", "metoder för motiverande samtal",
           "uppföljningen av placerade barn", "boendestödet för personer i hemlöshet",
           "insatser för personer med missbruk", "brukarnas inflytande över insatserna",
           "rutiner för orosanmälningar", "gruppverksamhet för föräldrar"]
ENDINGS = ["under hela projekttiden.", "tillsammans med forskare från högskolan.", "i nära dialog med brukarna.",
           "enligt den plan som nämnden beslutade.", "med stöd av FoU-enheten.", "i flera av stadens verksamheter.",
           "och resultaten redovisas i slutrapporten.", "för att fler ska få rätt stöd i tid."]
SECTIONS = ["Bakgrund", "Syfte", "Genomförande", "Resultat", "Lärdomar"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def body(rng: random.Random, words: int = 300) -> str:
    parts, count = [], 0
    per_section = words // len(SECTIONS)
    for heading in SECTIONS:
        paragraph, section_words = [], 0
        while section_words < per_section:
            text = sentence(rng)
            paragraph.append(text)
            section_words += len(text.split())
        parts.append(f"## {heading}\n\n" + " ".join(paragraph) + "\n")
        count += section_words
    return "\n".join(parts)


def project(number: int, rng: random.Random, vocab, quota: dict) -> str:
    start = rng.randint(2000, 2024)
    end = start + rng.choice([0, 0, 1, 1, 2, 3])
    districts = rng.sample(vocab.districts, rng.choice([1, 1, 1, 2, 3]))
    areas = rng.sample(vocab.areas, rng.choice([1, 1, 2, 3]))
    topics = rng.sample(TOPICS, rng.randint(0, 5))
    funding = []
    for year in range(start, end + 1):
        source = rng.choice(vocab.funding_sources)
        if source in vocab.counted_sources:
            if any(quota.get((d, year), 0) >= vocab.max_projects_per_district_year for d in districts):
                source = "Stadsövergripande FoU-medel"
            else:
                for d in districts:
                    quota[(d, year)] = quota.get((d, year), 0) + 1
        amount = {"MUST": rng.randint(5, 25) * 1000,
                  "Lokala utvecklingsmedel": rng.randint(50, 750) * 1000}.get(source, rng.randint(50, 3000) * 1000)
        funding.append(f"  - source: {source}\n    year: {year}\n    amount: {amount}")
    status = "avslutat" if end < 2024 else rng.choice(["pågående", "planerat"])
    lines = [
        "---",
        f"title: Utvecklingsprojekt {number} – {rng.choice(OBJECTS)}",
        f"description: {sentence(rng)} {sentence(rng)}",
        f"status: {status}",
        f"start: {start}",
        f"end: {end}",
        "districts:", *[f"  - {d}" for d in districts],
        "areas:", *[f"  - {a}" for a in areas],
    ]
    if topics:
        lines += ["topics:", *[f"  - {t}" for t in topics]]
    lines += [
        f"owner: {rng.choice(OWNERS).format(d=districts[0])}",
        "contact:", f"  name: Handläggare {number}", f"  email: handlaggare.{number}@stockholm.se",
        "partners:", *[f"  - {p}" for p in rng.sample(PARTNERS, rng.randint(1, 3))],
        "funding:", *funding,
        "documents:",
        "  - title: Slutrapport", "    kind: slutrapport", f"    year: {end}",
        f"    url: https://example.org/rapporter/projekt-{number}.pdf",
    ]
    if start >= 2018:
        lines.append(f"gender_analysis: {sentence(rng)}")
    if number > 0 and rng.random() < 0.3:
        lines += ["related:", f"  - projekt-{rng.randrange(number):05d}"]
    lines += ["---", "", body(rng)]
    return "\n".join(lines)


def generate(root: Path, count: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    vocab = load_vocabulary()
    folder = root / "projects"
    folder.mkdir(parents=True)
    (root / "guides").mkdir()
    quota: dict = {}
    for number in range(count):
        (folder / f"projekt-{number:05d}.md").write_text(project(number, rng, vocab, quota), encoding="utf-8")


def peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_check(root: Path, use_cli: bool) -> tuple[int, int, int]:
    """(files, errors, warnings)."""
    if use_cli:
        out = io.StringIO()
        with redirect_stdout(out):
            status = cli_main(["check", str(root)])
        last = out.getvalue().strip().splitlines()[-1]
        print(f"  check: {last} (status {status})")
        result = corpus.load(root, load_vocabulary()) if status else None
        errors = sum(d.is_error for d in result.diagnostics) if result else 0
        warnings = len(result.diagnostics) - errors if result else 0
        return len(list((root / "projects").glob("*.md"))), errors, warnings
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
        if traced is not None:
            print(f"peak Python allocation during the check (tracemalloc): {traced:.0f} MiB")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
