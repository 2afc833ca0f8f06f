"""The `kunskapsbank` command: check, new, build, serve. Messages to editors are in Swedish."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import NamedTuple

from . import corpus as corpus_module
from . import new_files, reports
from .cli_parser import SwedishParser, own_command
from .content import GUIDE, PROJECT, SECTIONS
from .diagnostics import Diagnostic, absolute, relative_path, relative_to
from .oserrors import describe
from .swedish import file_slug
from .validation import GUIDE_STATUSES, PROJECT_STATUSES
from .vocabulary import load as load_vocabulary

DEFAULT_ROOT = Path("content")
# The kinds `new` takes, in English as the content model names them and in Swedish as editors say them.
NEW_KINDS = {"project": PROJECT, "projekt": PROJECT, "guide": GUIDE, "vagledning": GUIDE, "vägledning": GUIDE}
SLUG_LIMIT = 80  # characters of a slug that `new` makes from a title


class UsageError(Exception):
    """A mistake in how the command was called; the message is for the user."""


def find_root(path: Path) -> Path:
    """The content root (the folder holding projects/ and guides/) for a file or folder."""
    path = path.resolve()
    candidates = [path] if path.is_dir() else []
    candidates += list(path.parents)
    for candidate in candidates:
        if candidate.name in SECTIONS.values():
            return candidate.parent
        if any((candidate / section).is_dir() for section in SECTIONS.values()):
            return candidate
    raise UsageError(f"hittar varken projects/ eller guides/ vid {path}. Ange mappen content/ eller en fil i den")


def _under(path: Path, targets: list[Path]) -> bool:
    resolved = absolute(path)
    return any(resolved == t or t in resolved.parents for t in targets)


def cmd_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [DEFAULT_ROOT]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} finns inte")
    roots = {find_root(p) for p in paths}
    vocab = load_vocabulary(Path(args.vocabulary) if args.vocabulary else None)
    targets = [p.resolve() for p in paths]
    checked = []
    for root in sorted(roots):
        result = corpus_module.load(root, vocab)
        checked.append(_Checked(root, [d for d in result.diagnostics if _under(Path(d.path), targets)],
                                [f for f in result.files if _under(f, targets)]))
    output = reports.FORMATS[args.format](_report(checked, args.format in reports.MACHINE_FORMATS))
    if args.output:
        _write_report(Path(args.output), output)
        output = reports.text(_report(checked, False))  # CI keeps the file and shows the text in its log
    print(output)
    diagnostics = [d for c in checked for d in c.diagnostics]
    failed = any(d.is_error for d in diagnostics) or (args.strict and diagnostics)
    return 1 if failed else 0


class _Checked(NamedTuple):
    root: Path
    diagnostics: list[Diagnostic]
    files: list[Path]


def _report(checked: list[_Checked], machine: bool) -> reports.Report:
    """Editors read paths from where they typed the command; tools resolve them from the repository's top."""
    bases = [reports.repository_root(c.root) if machine else Path.cwd() for c in checked]
    diagnostics = [relative_to(d, base) for base, c in zip(bases, checked) for d in c.diagnostics]
    files = [relative_path(f, base) for base, c in zip(bases, checked) for f in c.files]
    return reports.Report(diagnostics, files, bases[0] if len(set(bases)) == 1 else None)


def _write_report(target: Path, output: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(describe(exc, target)) from exc


def cmd_new(args: argparse.Namespace) -> int:
    kind = NEW_KINDS[args.kind]
    slug = short_slug(file_slug(args.title))
    if len(args.title.strip()) < 3 or not slug:
        raise UsageError("titeln måste ha minst tre tecken och minst en bokstav eller siffra")
    root = Path(args.content)
    target = root / SECTIONS[kind] / f"{slug}.md"
    exists = f"fel: {target} finns redan. Välj en annan titel eller redigera den befintliga filen"
    if target.exists():
        print(exists, file=sys.stderr)
        return 1
    write, statuses = ((new_files.project, PROJECT_STATUSES) if kind == PROJECT
                       else (new_files.guide, GUIDE_STATUSES))
    try:
        _write_new(target, write(args.title.strip(), slug, dt.date.today().year, load_vocabulary(), statuses))
    except FileExistsError:
        print(exists, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"fel: {describe(exc, target.parent)}", file=sys.stderr)
        return 2
    print(f"Skapade {target}. Fyll i varje '{new_files.PLACEHOLDER}' och kontrollera med: {own_command()} check {target}")
    return 0


def short_slug(slug: str, limit: int = SLUG_LIMIT) -> str:
    """The slug cut at its last hyphen within limit characters, so a long title still makes a file
    name the file system takes (255 bytes) and a URL one can read."""
    head = slug[:limit + 1]
    return slug if len(slug) <= limit else head.rsplit("-", 1)[0] if "-" in head else slug[:limit]


def _write_new(target: Path, text: str) -> None:
    """Write a file that must not exist yet; a write that fails (a full disk) leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = open(target, "x", encoding="utf-8", newline="\n")
    try:
        with handle:
            handle.write(text)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    return build_site(Path(args.config), Path(args.site_dir) if args.site_dir else None)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve_site

    return serve_site(Path(args.config), args.dev_addr)


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import render

    text = render(args.kind, load_vocabulary())  # the choices are content.PROJECT and GUIDE
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(describe(exc, target)) from exc
    print(f"Skrev {args.output}")
    return 0


EXAMPLES = {
    "check": """\
exempel:
  kunskapsbank check                                   kontrollera allt i content/
  kunskapsbank check content/projects/stella.md        kontrollera en fil
  kunskapsbank check --strict                          varningar räknas också som fel
  kunskapsbank check --format github                   markeringar i en pull request på GitHub
  kunskapsbank check --format gitlab --output build/reports/code-quality.json""",
    "new": """\
exempel:
  kunskapsbank new project "Mina båda världar"         skriver content/projects/mina-bada-varldar.md
  kunskapsbank new guide "Vägledning om brukarinflytande"
""".rstrip(),
    "build": """\
exempel:
  kunskapsbank build                                   bygger webbplatsen till site/
  kunskapsbank build -d /srv/www/kunskapsbanken        bygger till en annan mapp""",
    "serve": """\
exempel:
  kunskapsbank serve                                   öppna sedan http://127.0.0.1:8000/
  kunskapsbank serve -a 127.0.0.1:8001                 på en annan port""",
    "schema": """\
exempel:
  kunskapsbank schema --kind project --output schemas/projekt.schema.json
  kunskapsbank schema                                  ett schema för både projekt och vägledningar""",
}


def parser() -> argparse.ArgumentParser:
    top = SwedishParser(prog="kunskapsbank", description="Kunskapsbanken: kontrollera, skapa och bygg innehållet.",
                        epilog="exempel:\n" + "\n".join(text.split("\n")[1] for text in EXAMPLES.values())
                        + "\n\nMer hjälp om ett kommando: kunskapsbank KOMMANDO --help")
    top.add_argument("--version", action="version", version=f"kunskapsbank {reports.version()}",
                     help="visa versionen och avsluta")
    top.add_argument("--debug", action="store_true", help="visa hela felutskriften när något oväntat går fel")
    sub = top.add_subparsers(dest="command", required=True, metavar="kommando", title="kommandon")
    _add_check(_command(sub, "check", cmd_check, "kontrollera projekt och vägledningar", (
        "Kontrollerar front matter, text och bilagor i projekt och vägledningar. Skriver varje fel och varning "
        "som sökväg:rad: fel|varning: text och en sammanfattning. Avslutar med status 1 vid fel.")))
    _add_new(_command(sub, "new", cmd_new, "skapa ett nytt projekt eller en ny vägledning från mallen", (
        "Skriver en ny fil från mallen, med filnamn efter titeln. Skriver aldrig över en fil som finns.")))
    _add_build(_command(sub, "build", cmd_build, "kontrollera och bygg webbplatsen till site/", (
        "Kontrollerar innehållet och bygger webbplatsen. Ett bygge som misslyckas lämnar den förra webbplatsen orörd.")))
    _add_serve(_command(sub, "serve", cmd_serve, "förhandsgranska webbplatsen medan du redigerar", (
        "Bygger webbplatsen och visar den på din dator. Sidan i webbläsaren uppdateras när du sparar en fil.")))
    _add_schema(_command(sub, "schema", cmd_schema, "skriv ett JSON Schema för front matter, för editorer som VS Code", (
        "Skriver ett JSON Schema (draft 2020-12) över front matter, från samma regler som kontrollen.")))
    return top


def _command(sub, name: str, func, summary: str, description: str) -> argparse.ArgumentParser:
    command = sub.add_parser(name, help=summary, description=description, epilog=EXAMPLES[name])
    command.set_defaults(func=func)
    # also after the command, where one adds it to the line one ran
    command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return command


def _add_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: content)")
    check.add_argument("--strict", action="store_true", help="varningar räknas också som fel")
    check.add_argument("--format", choices=tuple(reports.FORMATS), default="text",
                       help="utdata: text, json, github, gitlab (Code Quality), junit eller sarif")
    check.add_argument("--output", metavar="FIL", help="skriv rapporten till FIL; texten visas ändå i terminalen")
    check.add_argument("--vocabulary", metavar="FIL", help="annan ordlista än den inbyggda vocabulary.yml")


def _add_new(new: argparse.ArgumentParser) -> None:
    new.add_argument("kind", choices=NEW_KINDS, metavar="project|guide", help="project (projekt) eller guide (vägledning)")
    new.add_argument("title", metavar="TITEL", help="sidans titel, inom citattecken")
    new.add_argument("--content", default=str(DEFAULT_ROOT), metavar="MAPP", help="innehållsmappen (standard: content)")


def _add_build(build: argparse.ArgumentParser) -> None:
    build.add_argument("-f", "--config", default="mkdocs.yml", metavar="FIL", help="inställningsfilen (standard: mkdocs.yml)")
    build.add_argument("-d", "--site-dir", metavar="MAPP", help="målmapp (standard: site_dir i mkdocs.yml)")


def _add_serve(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("-f", "--config", default="mkdocs.yml", metavar="FIL", help="inställningsfilen (standard: mkdocs.yml)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                       help="adressen förhandsgranskningen visas på (standard: 127.0.0.1:8000)")


def _add_schema(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("--kind", choices=(PROJECT, GUIDE), help="bara projekt eller bara vägledningar "
                                                                 "(standard: ett schema för båda)")
    schema.add_argument("--output", metavar="FIL", help="skriv schemat till FIL i stället för till skärmen")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: one line for the editor, the traceback on request
        return _unexpected(exc, args.debug)


def _unexpected(exc: Exception, debug: bool) -> int:
    what = " ".join(f"{type(exc).__name__}: {exc}".split())
    if debug:
        traceback.print_exception(exc)
        print(f"fel: något oväntat gick fel ({what}).", file=sys.stderr)
    else:
        print(f"fel: något oväntat gick fel ({what}). Kör igen med --debug för att se detaljerna", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
