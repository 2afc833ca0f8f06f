"""Benchmark the site build: `kunskapsbank build` (the plugin) against a plain mkdocs-material build.

    .venv/bin/python bench/bench_build.py [N ...] [--repeat R] [--keep DIR] [--profile]

For each N (default 1000) it generates N projects with realistic front matter and Swedish bodies of
about 300 words into a temporary folder, then builds the same Markdown twice, each in a fresh
process: (a) `kunskapsbank build` with the repository's mkdocs.yml, and (b) plain MkDocs with the
same theme, extensions and search plugin but without the kunskapsbank plugin and with a short nav
(the front matter is left in; MkDocs reads it as page metadata). It prints wall time, peak memory
(max RSS of the build process, from wait4) and the plugin's overhead ratio.

The plugin build includes everything the plugin does, the Pagefind search index among it; plain
MkDocs has no search unless --plain-search adds mkdocs-material's own (lunr) search plugin, for a
like-for-like comparison. After the timed builds, the phases of the plugin's own work are timed
in-process (validation, indexes, rendering, search index), to show where the overhead goes.

--profile also runs the plugin build in-process under cProfile and prints the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from generator.vocabulary import load as load_vocabulary  # noqa: E402
from pdfmaker import make_pdf  # noqa: E402 (the search tests' PDF writer)

BIN = Path(sys.executable).parent

TOPICS = [
    "föräldrastöd", "motiverande samtal", "samverkan", "skola", "ungdomar", "boendestöd", "bostad först",
    "våld i nära relationer", "delaktighet", "utvärdering", "implementering", "placerade barn",
    "arbetsmarknad", "psykisk ohälsa", "brukarrevision", "nätverksarbete", "familjehem", "öppenvård",
    "uppsökande arbete", "kartläggning", "ASI", "BBIC", "MI", "hedersrelaterat våld", "spelberoende",
    "äldre med missbruk", "barn som anhöriga", "ensamkommande", "sysselsättning", "försörjningsstöd",
    "sjukskrivning", "funktionshinder", "LSS", "personligt ombud", "återfallsprevention", "kriminalitet",
    "skolnärvaro", "fritid", "mentorskap", "digitalisering", "e-tjänster", "tolk", "språkstöd",
    "kvalitetsuppföljning", "evidens", "systematisk uppföljning", "brukarenkät", "fokusgrupper",
    "handledning", "kompetensutveckling", "Housing First", "lågtröskel", "sprututbyte", "anhörigstöd",
    "stödsamtal", "krisstöd", "barnrättsperspektiv", "jämställdhet", "HBTQ", "romsk inkludering",
]
PARTNERS = ["Ersta Sköndal Bräcke högskola", "Stockholms universitet", "BRIS", "Karolinska institutet",
            "Stockholms stadsmission", "Rädda Barnen", "Länsstyrelsen i Stockholms län", "Socialstyrelsen",
            "Södertörns högskola", "Arbetsförmedlingen", "Region Stockholm", "Maskrosbarn"]
FIRST = ["Anna", "Erik", "Maria", "Karl", "Sara", "Johan", "Elin", "Ahmed", "Fatima", "Lars", "Ingrid", "Omar"]
LAST = ["Andersson", "Berg", "Lindqvist", "Nilsson", "Öberg", "Åström", "Ekström", "Hassan", "Karlsson", "Sjöberg"]
SUBJECTS = ["Projektet", "Arbetsgruppen", "Stadsdelsförvaltningen", "Socialtjänsten", "Enheten", "Personalen",
            "Utvärderingen", "Kartläggningen", "Samverkansgruppen", "Projektledaren", "Forskarna", "Brukarna"]
VERBS = ["har prövat", "har utvecklat", "har följt upp", "har beskrivit", "har utbildat personal i",
         "har samordnat", "har förbättrat", "har dokumenterat", "har analyserat", "har infört", "har granskat"]
OBJECTS = ["ett nytt arbetssätt för barn och unga", "stödet till familjer med ekonomiskt bistånd",
           "samverkan mellan skola och socialtjänst", "metoder för motiverande samtal",
           "uppföljningen av placerade barn", "boendestödet för personer i hemlöshet",
           "insatser för personer med missbruk", "brukarnas inflytande över insatserna",
           "rutiner för orosanmälningar", "gruppverksamhet för föräldrar", "stödet till våldsutsatta kvinnor",
           "vägen till arbete för unga vuxna", "det uppsökande arbetet i området"]
ENDINGS = ["under hela projekttiden.", "tillsammans med forskare från högskolan.", "i nära dialog med brukarna.",
           "enligt den plan som nämnden beslutade.", "med stöd av FoU-enheten.", "i flera av stadens verksamheter.",
           "och resultaten redovisas i slutrapporten.", "för att fler ska få rätt stöd i tid.",
           "trots att personalomsättningen var hög.", "och arbetssättet har nu blivit ordinarie verksamhet."]
TITLE_HEADS = ["Stöd", "Vägen", "Tillsammans", "Trygg", "Nya steg", "Framåt", "Bryggan", "Nätverket", "Öppna dörrar",
               "Ärligt talat", "Även jag", "Zonen", "Ankaret", "Kompassen", "Mötesplatsen"]
SECTIONS = ["Bakgrund", "Syfte", "Genomförande", "Resultat", "Lärdomar"]
SAFE_SOURCES = ["Stadsövergripande FoU-medel", "Statsbidrag", "Europeiska socialfonden", "Annan"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def body(rng: random.Random, words: int = 300) -> str:
    parts = []
    for heading in SECTIONS:
        paragraph, count = [], 0
        while count < words // len(SECTIONS):
            text = sentence(rng)
            paragraph.append(text)
            count += len(text.split())
        parts.append(f"## {heading}\n\n" + " ".join(paragraph) + "\n")
    return "\n".join(parts)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def project(number: int, rng: random.Random, vocab, quota: dict, root: Path) -> str:
    slug = f"projekt-{number:05d}"
    start = rng.randint(1998, 2025)
    end = min(2026, start + rng.choice([0, 0, 1, 1, 2, 3]))
    districts = rng.sample(vocab.districts, rng.choice([1, 1, 1, 2, 3]))
    areas = rng.sample(vocab.areas, rng.choice([1, 1, 2, 3]))
    topics = rng.sample(TOPICS, rng.randint(0, 5))
    funding = []
    for year in range(start, end + 1):
        if rng.random() < 0.4:
            continue
        # Counted sources only while the district quota allows, so the content is warning-free
        # (mkdocs.yml builds strictly: a warning would stop the build).
        source = rng.choice(vocab.funding_sources)
        if source in vocab.counted_sources:
            if any(quota.get((d, year), 0) >= vocab.max_projects_per_district_year for d in districts):
                source = rng.choice(SAFE_SOURCES)
            else:
                for d in districts:
                    quota[(d, year)] = quota.get((d, year), 0) + 1
        amount = {"MUST": rng.randint(5, 25) * 1000,
                  "Lokala utvecklingsmedel": rng.randint(50, 750) * 1000}.get(source, rng.randint(50, 3000) * 1000)
        funding.append(f"  - source: {source}\n    year: {year}\n    amount: {amount}")
    status = "avslutat" if end < 2025 else rng.choice(["pågående", "planerat"])
    if status == "avslutat" and rng.random() < 0.1:
        status = "permanentat"
    title = f"{rng.choice(TITLE_HEADS)} {number} – {rng.choice(OBJECTS)}"
    lines = ["---", f"title: {quoted(title)}", f"description: {quoted(sentence(rng) + ' ' + sentence(rng))}",
             f"status: {status}", f"start: {start}"]
    if end != start:
        lines.append(f"end: {end}")
    lines += ["districts:", *[f"  - {d}" for d in districts], "areas:", *[f"  - {a}" for a in areas]]
    if topics:
        lines += ["topics:", *[f"  - {quoted(t)}" for t in topics]]
    lines += [f"owner: Stadsdelsförvaltningen {districts[0]}",
              "contact:", f"  name: {person(rng)}", f"  email: handlaggare.{number}@stockholm.se",
              "partners:", *[f"  - {p}" for p in rng.sample(PARTNERS, rng.randint(0, 3))],
              "researchers:", *[f"  - {person(rng)}" for _ in range(rng.randint(0, 2))]]
    if funding:
        lines += ["funding:", *funding]
    lines += ["documents:", "  - title: Projektplan", "    kind: projektplan", f"    year: {start}",
              f"    url: https://example.org/planer/{slug}.pdf"]
    if rng.random() < 0.1:  # an attachment published with the site
        attachment = root / "projects" / "files" / slug / "slutrapport.pdf"
        attachment.parent.mkdir(parents=True)
        attachment.write_bytes(make_pdf([body(rng, rng.randint(300, 3000))]))
        lines += ["  - title: Slutrapport", "    kind: slutrapport", f"    year: {end}",
                  f"    file: files/{slug}/slutrapport.pdf"]
    if start >= 2018:
        lines.append(f"gender_analysis: {quoted(sentence(rng))}")
    if rng.random() < 0.05:
        lines += ["awards:", f"  - Kvalitetsutmärkelsens förnyelsepris {end}"]
    if number > 0 and rng.random() < 0.3:
        lines += ["related:", *[f"  - projekt-{rng.randrange(number):05d}" for _ in range(rng.randint(1, 2))]]
    lines += [f"updated: {min(end + 1, 2026)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "---", "", body(rng)]
    return "\n".join(lines)


def guide(number: int, rng: random.Random, vocab) -> str:
    return "\n".join([
        "---", f"title: Vägledning {number} om {rng.choice(OBJECTS)}",
        f"description: {quoted(sentence(rng))}", "status: gällande",
        f"published: {rng.randint(2010, 2024)}-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}",
        "owner: Socialförvaltningen, FoU-enheten",
        "areas:", f"  - {rng.choice(vocab.areas)}", "topics:", f"  - {quoted(rng.choice(TOPICS))}",
        "audience: [Socialsekreterare, Chefer]", "---", "", body(rng, 600)])


def generate(root: Path, count: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    vocab = load_vocabulary()
    (root / "projects").mkdir(parents=True)
    (root / "guides").mkdir()
    quota: dict = {}
    for number in range(count):
        text = project(number, rng, vocab, quota, root)
        (root / "projects" / f"projekt-{number:05d}.md").write_text(text, encoding="utf-8")
    for number in range(max(2, count // 100)):
        (root / "guides" / f"vagledning-{number:03d}.md").write_text(guide(number, rng, vocab), encoding="utf-8")


def configs(work: Path, content: Path, plain_search: bool = False) -> tuple[Path, Path]:
    """(plugin config, plain config), both from the repository's mkdocs.yml."""
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    base["theme"]["custom_dir"] = str(REPO / "theme")
    base["docs_dir"] = str(content)

    plugin = dict(base, site_dir=str(work / "site-plugin"))
    plugin_path = work / "mkdocs-plugin.yml"
    plugin_path.write_text(yaml.safe_dump(plugin, allow_unicode=True, sort_keys=False), encoding="utf-8")

    pages = sorted(p.relative_to(content).as_posix() for p in (content / "projects").glob("*.md"))[:5]
    plugins = [p for p in base["plugins"] if not (p == "kunskapsbank" or (isinstance(p, dict) and "kunskapsbank" in p))]
    if plain_search and not any(p == "search" or (isinstance(p, dict) and "search" in p) for p in plugins):
        plugins.append({"search": {"lang": "sv"}})
    plain = dict(base, site_dir=str(work / "site-plain"), strict=False, plugins=plugins,
                 nav=[{f"Projekt {i + 1}": page} for i, page in enumerate(pages)])
    plain_path = work / "mkdocs-plain.yml"
    plain_path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plugin_path, plain_path


def measure(command: list[str]) -> tuple[float, float, float, int, str]:
    """(wall s, CPU s, peak RSS MiB, exit status, stderr tail) of one build in a fresh process.

    CPU time (user + system, the build's own subprocesses included) is reported beside wall time
    because it is far less disturbed by whatever else the machine is running."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    began = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-2000:]
    peak = usage.ru_maxrss / 1024  # KiB on Linux; the largest of the build and its subprocesses
    return elapsed, usage.ru_utime + usage.ru_stime, peak, process.returncode, tail


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def phases(content: Path, site: Path) -> None:
    """Wall time of the plugin's own steps, in this process (after the timed builds)."""
    from generator import corpus, indexes as indexes_module, search
    from generator.pages import Renderer

    vocab = load_vocabulary()
    timings = []
    began = time.perf_counter()
    result = corpus.load(content, vocab)
    timings.append(("read and validate", time.perf_counter() - began))
    began = time.perf_counter()
    indexes = indexes_module.build(result.corpus, vocab)
    timings.append(("indexes", time.perf_counter() - began))
    began = time.perf_counter()
    renderer = Renderer(indexes)
    generated = renderer.generated_pages()
    timings.append((f"render {len(generated)} index pages", time.perf_counter() - began))
    began = time.perf_counter()
    for entry in (*indexes.projects, *indexes.guides):
        renderer.entry_parts(entry)
    timings.append(("render entry pages", time.perf_counter() - began))
    began = time.perf_counter()
    search.write_index(indexes, site, content)
    timings.append(("search index (Pagefind)", time.perf_counter() - began))
    size = sum(len(p.markdown) for p in generated) / 1024 / 1024
    print("  plugin phases (in-process): " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings)
          + f"; index pages hold {size:.1f} MiB of Markdown")


def profile_plugin_build(config: Path, top: int = 30) -> None:
    from generator.build import build_site

    profiler = cProfile.Profile()
    profiler.enable()
    build_site(config, Path(str(config.parent / "site-profile")))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("generator/", top)
    print(out.getvalue())


def bench(count: int, repeat: int, keep: Path | None, profile: bool, plain_search: bool) -> None:
    work = keep or Path(tempfile.mkdtemp(prefix="kunskapsbank-bench-build-"))
    try:
        content = work / "content"
        if content.exists():
            shutil.rmtree(content)
        began = time.perf_counter()
        generate(content, count)
        size = sum(p.stat().st_size for p in content.rglob("*.md"))
        print(f"\n== {count} projects ({size / 1024 / 1024:.1f} MiB of Markdown, generated in "
              f"{time.perf_counter() - began:.1f} s)", flush=True)
        plugin_config, plain_config = configs(work, content, plain_search)
        runs = {
            "plain mkdocs-material" + (" + search" if plain_search else ""): ([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_config)], "site-plain"),
            "kunskapsbank build": ([str(BIN / "kunskapsbank"), "build", "-f", str(plugin_config)], "site-plugin"),
        }
        results = {}
        for name, (command, site) in runs.items():
            best = None
            for _ in range(repeat):
                shutil.rmtree(work / site, ignore_errors=True)
                shutil.rmtree(work / ".cache", ignore_errors=True)  # a clean build: no attachment text cached
                elapsed, cpu, peak, status, tail = measure(command)
                if status != 0:
                    raise SystemExit(f"{name} failed (status {status}):\n{tail}")
                best = (elapsed, cpu, peak) if best is None or elapsed < best[0] else best
            results[name] = best
            print(f"  {name:31} {best[0]:7.1f} s wall {best[1]:7.1f} s CPU  peak {best[2]:6.0f} MiB  "
                  f"{pages_in(work / site):6} HTML files", flush=True)
        (plain_time, plain_cpu, plain_peak), (plugin_time, plugin_cpu, plugin_peak) = results.values()
        print(f"  {'overhead ratio':31} {plugin_time / plain_time:7.2f}× wall {plugin_cpu / plain_cpu:6.2f}× CPU  "
              f"{plugin_peak / plain_peak:.2f}× peak memory", flush=True)
        phases(content, work / "site-plugin")
        if profile:
            profile_plugin_build(plugin_config)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000], help="numbers of projects (default 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build; the fastest counts (default 1)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep content and sites")
    parser.add_argument("--profile", action="store_true", help="also profile the plugin build with cProfile")
    parser.add_argument("--plain-search", action="store_true",
                        help="give the plain build mkdocs-material's own search plugin, for a like-for-like comparison")
    args = parser.parse_args(argv)
    for count in args.counts:
        keep = Path(args.keep) / str(count) if args.keep else None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        bench(count, args.repeat, keep, args.profile, args.plain_search)
    return 0


if __name__ == "__main__":
    sys.exit(main())
