"""Front-matter text reaches every page as text: `&`, `"` and tags are escaped exactly once.

Editors may write "Barn & unga" or a title with quotes; validation rejects script in front matter,
and the renderer must escape whatever reaches it anyway (defence in depth), so both are tested.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator import indexes as indexes_module
from generator import validation
from generator.cli import main
from generator.content import GUIDE, PROJECT, Contact, Corpus, Document, Funding, Guide, Project
from generator.pages import Renderer
from generator.vocabulary import load as load_vocabulary
from siteutil import browser, build, copy_fixture, serve  # noqa: F401 (pytest fixtures)

TITLE = 'Alfa & "Beta" <b>fet</b> projekt'
DESCRIPTION = 'Ett projekt om A & B med "citat" och <b>fetstil</b> i beskrivningen, som ska visas som text.'
OWNER = 'Ägare & Co "AB" <b>x</b>'
PARTNER = 'Partner & "P" <b>y</b>'
RESEARCHER = 'Forskare & "F" <b>z</b>'
AWARD = 'Pris & "heder" <b>guld</b>'
CONTACT = 'Anna & "Bo" <b>A</b>'
TOPIC = 'ämne & "citat" <b>t</b>'
TOPIC_SLUG = "amne-citat-b-t-b"
DOCUMENT = 'Rapport & "bilaga" <b>1</b>'
GUIDE_TITLE = 'Vägledning & "råd" <b>ny</b>'
AUDIENCE = 'Chefer & "ledare" <b>alla</b>'

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def text(element) -> str:
    return " ".join(element.get_text().split())


def set_front(path: Path, change) -> None:
    """Rewrite a content file's front matter through a function of its data."""
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    data = yaml.safe_load(front)
    change(data)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
                    + "---\n" + body, encoding="utf-8")


def html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


# End to end with characters editors really type ------------------------------


@pytest.fixture(scope="module")
def special_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("special")
    content = copy_fixture(tmp)

    def project(data):
        data.update(title=TITLE, description=DESCRIPTION, owner=OWNER, partners=[PARTNER, "BRIS"],
                    researchers=[RESEARCHER], awards=[AWARD], topics=[*data["topics"], TOPIC])
        data["contact"]["name"] = CONTACT
        data["documents"][0]["title"] = DOCUMENT

    def guide(data):
        data.update(title=GUIDE_TITLE, owner=OWNER, audience=[AUDIENCE, "Socialsekreterare"])

    set_front(content / "projects" / "alfa-projektet.md", project)
    set_front(content / "guides" / "ny-vagledning.md", guide)
    site = tmp / "site"
    assert build(content, site, tmp) == 0
    return site


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_no_tag_from_front_matter_becomes_markup(special_site):
    for name, html in html_files(special_site).items():
        assert "<b>" not in html, name  # neither the theme nor the fixture's bodies use <b>
        assert not BeautifulSoup(html, "html.parser").find_all("b"), name
        # escaped once, never twice ("&amp;lt;" would show the reader "&lt;")
        assert not re.search(r"&amp;(?:amp|lt|gt|quot|#34|#39);", html), name


def test_project_page_shows_every_value_as_written(special_site):
    page = soup(special_site, "projects/alfa-projektet")
    assert page.title.string == f"{TITLE} – Kunskapsbanken"
    assert page.find("meta", attrs={"name": "description"})["content"] == DESCRIPTION
    header = page.select_one('[data-md-component="header-topic"]')
    assert text(header) == TITLE
    article = page.select_one("article")
    assert text(article.h1) == TITLE
    assert text(article.select_one(".kb-lead")) == DESCRIPTION
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in article.select("dl.kb-facts dt")}
    assert facts["Projektägare"] == OWNER
    assert facts["Samarbetspartner"] == f"{PARTNER}, BRIS"
    assert facts["Forskare"] == RESEARCHER
    assert facts["Utmärkelser"] == AWARD
    assert facts["Kontakt"] == f"{CONTACT}, anna.andersson@example.se"
    assert facts["Ämnen"] == f"föräldrastöd, Motiverande samtal, {TOPIC}"
    topic_link = article.select("dl.kb-facts a[href*='topics/']")[-1]
    assert topic_link["href"] == f"../../topics/{TOPIC_SLUG}/"
    assert text(article.select_one("ul.kb-documents a")) == DOCUMENT


def test_listings_and_related_show_the_title_as_written(special_site):
    for url in ("", "projects", "years/2014", "districts/sodermalm", "areas/barn-och-unga", f"topics/{TOPIC_SLUG}"):
        item = next(li for li in soup(special_site, url).select("li.kb-item")
                    if li.select_one(".kb-item__title a")["href"].rstrip("/").endswith("alfa-projektet"))
        assert text(item.select_one(".kb-item__title")) == TITLE, url  # h4 under a year's or district's h3
        assert text(item.select_one(".kb-item__desc")) == DESCRIPTION, url
    backlinks = soup(special_site, "projects/oversta-projektet").select_one("ul.kb-backlinks")
    assert text(backlinks.a) == TITLE
    related = soup(special_site, "guides/ny-vagledning").select_one("ul.kb-related")
    assert text(related.a) == TITLE


def test_topic_pages_show_the_topic_as_written(special_site):
    overview = soup(special_site, "topics")
    names = [text(li.a) for li in overview.select("ul.kb-terms > li")]
    assert TOPIC in names
    page = soup(special_site, f"topics/{TOPIC_SLUG}")
    assert page.title.string == f"{TOPIC} – Kunskapsbanken"
    assert text(page.select_one("article h1")) == TOPIC
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        f"1 projekt för ämnet {TOPIC} i Kunskapsbanken.")


def test_guide_values_as_written(special_site):
    page = soup(special_site, "guides/ny-vagledning")
    assert page.title.string == f"{GUIDE_TITLE} – Kunskapsbanken"
    article = page.select_one("article")
    assert text(article.h1) == GUIDE_TITLE
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in article.select("dl.kb-facts dt")}
    assert facts["Ansvarig"] == OWNER
    assert facts["Målgrupp"] == f"{AUDIENCE}, Socialsekreterare"
    notice = soup(special_site, "guides/aldre-vagledning").select_one(".kb-replaced a")
    assert text(notice) == GUIDE_TITLE
    listed = [text(a) for a in soup(special_site, "guides").select("li.kb-item h3 a")]
    assert listed[0] == GUIDE_TITLE
    home = [text(a) for a in soup(special_site, "").select("li.kb-item h3 a")]
    assert GUIDE_TITLE in home


# What validation refuses ---------------------------------------------------------


@pytest.mark.parametrize("value", [SCRIPT, IMG])
def test_check_fails_on_script_in_front_matter(tmp_path, monkeypatch, capsys, value):
    content = copy_fixture(tmp_path)
    path = content / "projects" / "zeta-studien.md"
    set_front(path, lambda data: data.update(owner=value))
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if row.startswith("owner:"))
    monkeypatch.chdir(tmp_path)
    status = main(["check", "content"])
    out = capsys.readouterr().out
    assert status == 1
    assert re.search(rf"^content/projects/zeta-studien\.md:{line}: fel: .*owner.*skript", out, re.M), out


# The renderer escapes whatever reaches it ------------------------------------


HOSTILE = [SCRIPT, IMG, "&"]


def hostile_corpus(root: Path) -> Corpus:
    def project(slug: str, n: int) -> Project:
        bad = HOSTILE[n % len(HOSTILE)]
        return Project(
            kind=PROJECT, slug=slug, path=root / "projects" / f"{slug}.md", title=f"Titel {bad}",
            description=f"Beskrivning {bad} med tillräckligt många tecken.", status="avslutat",
            body="Brödtext.\n", body_line=10, areas=["Barn och unga"], topics=[f"ämne {h}" for h in HOSTILE],
            owner=f"Ägare {bad}", related=["hostile-b"] if slug == "hostile-a" else [],
            documents=[Document(title=f"Dokument {bad}", kind="rapport", year=2015,
                                url="https://example.se/a.pdf?x=1&y=2")],
            start=2015, end=2016, districts=["Södermalm"], contact=Contact(name=f"Namn {bad}", email="a@example.se"),
            partners=[f"Partner {h}" for h in HOSTILE], researchers=[f"Forskare {h}" for h in HOSTILE],
            funding=[Funding("Annan", 2015, 1000)], gender_analysis=f"Analys {bad}\n\nStycke {bad}",
            awards=[f"Pris {h}" for h in HOSTILE])

    guide = Guide(kind=GUIDE, slug="hostile-guide", path=root / "guides" / "hostile-guide.md",
                  title=f"Vägledning {SCRIPT}", description=f"Beskrivning {IMG} av vägledningen.",
                  status="ersatt", body="Text.\n", body_line=10, areas=["Brukarinflytande"],
                  topics=[f"ämne {IMG}"], owner=f"Ansvarig {SCRIPT}", related=["hostile-a"],
                  published=dt.date(2014, 3, 1), audience=[f"Målgrupp {h}" for h in HOSTILE],
                  superseded_by="hostile-new")
    new = Guide(kind=GUIDE, slug="hostile-new", path=root / "guides" / "hostile-new.md",
                title=f"Ny {IMG} & {SCRIPT}", description="Den nya vägledningen ersätter den gamla.",
                status="gällande", body="Text.\n", body_line=10, areas=["Brukarinflytande"], owner="FoU",
                published=dt.date(2018, 9, 1))
    return Corpus(root, [project("hostile-a", 0), project("hostile-b", 1), project("hostile-c", 2)],
                  [guide, new])


def rendered_markdown(root: Path) -> dict[str, str]:
    corpus = hostile_corpus(root)
    renderer = Renderer(indexes_module.build(corpus, load_vocabulary()))
    pages = {page.src_uri: page.markdown for page in renderer.generated_pages()}
    pages.update({entry.src_uri: renderer.entry_parts(entry).markdown for entry in corpus.entries})
    return pages


def assert_no_live_script(name: str, html: str) -> None:
    assert "<script>alert" not in html, name
    assert "<img src=x" not in html, name
    parsed = BeautifulSoup(html, "html.parser")
    assert not [t for t in parsed.find_all(True) if any(a.startswith("on") for a in t.attrs)], name
    assert not [s for s in parsed.find_all("script") if "alert(1)" in s.get_text()], name
    assert not [i for i in parsed.find_all("img") if i.get("src") == "x"], name


def test_renderer_escapes_hostile_values(tmp_path):
    pages = rendered_markdown(tmp_path)
    for name, markdown in pages.items():
        assert_no_live_script(name, markdown)
        # a lone "&" must be written as an entity, never as a bare ampersand
        assert not re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", markdown.split("\n---\n", 1)[1]), name
    project = pages["projects/hostile-a.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in project
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["projects/hostile-b.md"]
    assert "Ägare &amp;" in pages["projects/hostile-c.md"]
    # the front matter handed to MkDocs (page title and meta description) is escaped too
    meta = yaml.safe_load(pages["guides/hostile-guide.md"].split("---\n")[1])
    assert meta == {"title": "Vägledning &lt;script&gt;alert(1)&lt;/script&gt;",
                    "description": "Beskrivning &lt;img src=x onerror=alert(1)&gt; av vägledningen."}
    every_value = "\n".join(pages.values())
    for topic in ("ämne &lt;script&gt;alert(1)&lt;/script&gt;", "ämne &lt;img src=x onerror=alert(1)&gt;",
                  "ämne &amp;"):
        assert topic in every_value


HOSTILE_TITLE = f"Titel {SCRIPT} {IMG} &"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile values in real files, built with validation's script check switched off: what
    would reach readers if that check ever had a gap."""
    tmp = tmp_path_factory.mktemp("hostile")
    content = copy_fixture(tmp)
    bad = {"title": HOSTILE_TITLE, "description": f"Beskrivning {IMG} {SCRIPT} & mer text.",
           "owner": f"Ägare {SCRIPT}", "partners": [IMG, "&"], "researchers": [SCRIPT],
           "awards": [IMG], "topics": [f"ämne {SCRIPT}", f"ämne {IMG}"]}

    def project(data):
        data.update(bad)
        data["contact"]["name"] = IMG
        data["documents"][0]["title"] = f"Dokument {SCRIPT}"

    set_front(content / "projects" / "alfa-projektet.md", project)
    set_front(content / "guides" / "ny-vagledning.md",
              lambda data: data.update(title=f"Vägledning {IMG}", owner=SCRIPT, audience=[IMG]))
    set_front(content / "projects" / "zeta-studien.md", lambda data: data.update(gender_analysis=f"{SCRIPT} {IMG}"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "find_unsafe_html", lambda _text: [])
        site = tmp / "site"
        assert build(content, site, tmp) == 0
    return site


def test_hostile_values_stay_escaped_through_a_full_build(hostile_site):
    files = html_files(hostile_site)
    assert len(files) > 40
    for name, html in files.items():
        assert_no_live_script(name, html)
    shown = soup(hostile_site, "projects/alfa-projektet")
    assert shown.title.string == f"{HOSTILE_TITLE} – Kunskapsbanken"
    assert text(shown.select_one("article h1")) == HOSTILE_TITLE
    assert shown.find("meta", attrs={"name": "description"})["content"] == f"Beskrivning {IMG} {SCRIPT} & mer text."
    topics = [text(a) for a in soup(hostile_site, "topics").select("ul.kb-terms a")]
    assert f"ämne {SCRIPT}" in topics and f"ämne {IMG}" in topics


def test_hostile_values_stay_text_in_search_results(hostile_site, browser):
    """The search page builds its results in the browser from the index: still text, never markup."""
    with serve(hostile_site) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            page.goto(base + "search/?q=Titel")
            result = page.locator(".kb-result__title a[href$='projects/alfa-projektet/']")
            result.wait_for(timeout=15_000)
            assert result.inner_text() == HOSTILE_TITLE
            assert page.locator("img[src='x']").count() == 0
            assert page.locator("#kb-results script").count() == 0
        finally:
            page.close()
    assert dialogs == []
