"""The JSON API and pages: every endpoint, bad uploads, escaping, errors without tracebacks."""

from __future__ import annotations

import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json, render_cards
from cardsmith.formats.verbatim import read_verbatim
from cardsmith.model import Card, Heading
from cardsmith.web import create_app
from tests.web.conftest import ARTICLE, CLAIM, pdf_bytes, plain_docx_bytes, sample_card

XSS = "<script>alert('x')</script>"


def cut(client: TestClient, **files_or_data) -> dict:
    files = files_or_data.pop("files", None)
    response = client.post("/api/cut", data={"claim": CLAIM, **files_or_data}, files=files)
    assert response.status_code == 200, response.text
    return response.json()


def save(client: TestClient, card) -> str:
    response = client.post("/api/cards", json={"cards": [card_to_json(card)]})
    assert response.status_code == 200, response.text
    return response.json()["ids"][0]


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/cut", "/search", "/verify", "/library"])
def test_pages_render(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


def test_works_offline(client: TestClient) -> None:
    """No page pulls anything from another site; FastAPI's /docs and /redoc would (Swagger's CDN)."""
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200
    for path in ("/cut", "/search", "/verify", "/library", "/no-such-page"):
        page = client.get(path).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), path
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
            assert client.get(asset).status_code == 200


def test_home_redirects_to_cut(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/cut"


def test_openapi_lists_every_action(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for route in (
        "/api/cut",
        "/api/mark",
        "/api/cite",
        "/api/cards",
        "/api/cards/{card_id}",
        "/api/search",
        "/api/export",
        "/api/docx/cards",
        "/api/verify",
        "/api/import",
        "/api/jobs/{job_id}",
        "/api/stats",
    ):
        assert route in paths


def test_not_found_is_a_page_or_json(client: TestClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "no page at /no-such-page" in page.text and "<html" in page.text
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "no page at /api/no-such-thing"}


def test_unexpected_error_shows_no_traceback(library_path) -> None:
    app = create_app(library_path)

    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/api/boom", "/boom"):
            response = client.get(path)
            assert response.status_code == 500
            assert "secret internals" not in response.text and "Traceback" not in response.text
            assert "internal error" in response.text


def test_validation_error_is_one_line(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "x", "limit": 0})
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


# --- cutting -----------------------------------------------------------------------------------


def test_cut_pasted_text(client: TestClient) -> None:
    data = cut(client, text=ARTICLE.read_text(), count="2")
    assert 1 <= len(data["cards"]) <= 2
    card = data["cards"][0]
    assert card["tag"] == CLAIM and card["body"] in ARTICLE.read_text()
    assert card["cite"]["authors"] == ["Priya Natarajan"]
    assert data["metadata"]["date"] == "2023-06-03"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("article.txt", ARTICLE.read_bytes()),
        ("article.md", ARTICLE.read_bytes()),
        (
            "article.html",
            b"<html><body>"
            + b"".join(b"<p>" + p.encode() + b"</p>" for p in ARTICLE.read_text().split("\n\n"))
            + b"</body></html>",
        ),
        ("article.pdf", pdf_bytes(ARTICLE.read_text())),
        ("article.docx", plain_docx_bytes(ARTICLE.read_text())),
    ],
)
def test_cut_uploaded_file(client: TestClient, name: str, content: bytes) -> None:
    data = cut(client, files={"file": (name, content)})
    body = " ".join(data["cards"][0]["body"].split())
    assert "solar" in body.lower()
    assert data["source"] == name


def test_cut_next_best_passages(client: TestClient) -> None:
    data = cut(client, text=ARTICLE.read_text(), count="3", max_words="60")
    bodies = [c["body"] for c in data["cards"]]
    assert len(bodies) == 3 and len(set(bodies)) == 3


def test_cut_needs_a_source(client: TestClient) -> None:
    response = client.post("/api/cut", data={"claim": CLAIM})
    assert response.status_code == 400 and "paste the source" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("empty.txt", b"", 400, "empty"),
        ("blank.txt", b"   \n  ", 400, "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 415, "not a readable"),
        ("fake.pdf", b"just some text that is not a pdf at all", 415, "not a PDF"),
        ("fake.docx", b"PK\x03\x04 not really a zip", 415, "not a readable"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage without xref\n%%EOF", 422, "broken.pdf"),
    ],
)
def test_bad_uploads(client: TestClient, name: str, content: bytes, status: int, message: str) -> None:
    response = client.post("/api/cut", data={"claim": CLAIM}, files={"file": (name, content)})
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert message in detail and "Traceback" not in detail and "/tmp" not in detail


def test_oversized_upload(library_path) -> None:
    with TestClient(create_app(library_path, max_upload=1000)) as client:
        response = client.post("/api/cut", data={"claim": CLAIM}, files={"file": ("big.txt", b"word " * 400)})
        assert response.status_code == 413 and "upload limit" in response.json()["detail"]
        huge = client.post("/api/cut", data={"claim": CLAIM}, files={"file": ("x.txt", b"w " * 8000)})
        assert huge.status_code == 413


def test_upload_name_never_reaches_the_filesystem(client: TestClient, tmp_path) -> None:
    target = tmp_path / "escaped.txt"
    name = f"../../../../{target}"
    data = cut(client, files={"file": (name, ARTICLE.read_bytes())})
    assert not target.exists()
    assert data["source"] == "escaped.txt"


def test_mark_densities(client: TestClient) -> None:
    body = ARTICLE.read_text().split("\n\n")[4]
    low = client.post("/api/mark", json={"tag": CLAIM, "body": body, "highlight": 0.05}).json()
    high = client.post("/api/mark", json={"tag": CLAIM, "body": body, "highlight": 0.4}).json()

    def words(spans):
        return sum(len(body[s:e].split()) for s, e in spans)

    assert words(low["highlight"]) < words(high["highlight"])
    bad = client.post("/api/mark", json={"tag": CLAIM, "body": body, "highlight": 1.5})
    assert bad.status_code == 422


def test_cut_and_mark_use_the_library_style_unless_asked(client: TestClient, library_path) -> None:
    from cardsmith.library import Library

    body = " ".join(ARTICLE.read_text().split("\n\n")[3:6])
    ask = {"tag": CLAIM, "body": body}
    pf, policy = (client.post("/api/mark", json={**ask, "style": s}).json() for s in ("pf", "policy"))
    assert pf != policy and client.post("/api/mark", json=ask).json() == policy
    cut_pf = cut(client, text=ARTICLE.read_text(), count="1", style="pf")["cards"]
    with Library.open(library_path) as lib:
        lib.set_style("pf")
    assert client.post("/api/mark", json=ask).json() == pf
    assert client.post("/api/mark", json={**ask, "style": "policy"}).json() == policy
    assert cut(client, text=ARTICLE.read_text(), count="1")["cards"] == cut_pf
    assert client.post("/api/mark", json={**ask, "style": "parli"}).status_code == 422


CLIP_TEXT = (  # written for this test
    "Rural households pay more for electricity than city dwellers do.\n\n"
    "The government said community solar technology lowers electricity bills for rural households, "
    "and the economic gains grow every year as information about the programme spreads.\n\n"
    "Weather was mild that spring."
)


def test_cut_and_mark_clip(client: TestClient) -> None:
    plain = cut(client, text=CLIP_TEXT, count="1", highlight="1")["cards"][0]
    card = cut(client, text=CLIP_TEXT, count="1", highlight="1", clip="true")["cards"][0]
    body = card["body"]
    assert card["underline"] == plain["underline"] and card["highlight"] != plain["highlight"]
    read = " ".join(body[s:e] for s, e in card["highlight"]).split()
    assert {"gov", "tech", "econ", "info"} <= set(read) and "government" not in read
    assert cut(client, text=CLIP_TEXT, count="1", highlight="1", clip="false")["cards"][0] == plain
    marked = client.post("/api/mark", json={"tag": CLAIM, "body": body, "highlight": 1.0, "clip": True}).json()
    assert marked["highlight"] == card["highlight"]
    assert client.post("/api/mark", json={"tag": CLAIM, "body": body, "clip": "maybe"}).status_code == 422


def test_cite_lists_missing_fields(client: TestClient) -> None:
    cite = client.post("/api/cite", json={"authors": ["Priya Natarajan"], "date": "2023-06-03"}).json()
    assert cite["short"] == "Natarajan 23"
    assert {"qualifications", "title", "publication"} <= set(cite["missing"])
    full = client.post(
        "/api/cite",
        json={
            "authors": ["Priya Natarajan"],
            "date": "2023-06-03",
            "qualifications": "research fellow",
            "title": "Community Solar Gardens",
            "publication": "Rural Energy Review",
        },
    ).json()
    assert full["missing"] == []


# --- library -----------------------------------------------------------------------------------


def test_save_get_delete(client: TestClient) -> None:
    card_id = save(client, sample_card())
    got = client.get(f"/api/cards/{card_id}").json()
    assert got["body"] == sample_card().body and got["highlight"] == [[7, 17]]
    again = client.post("/api/cards", json={"cards": [card_to_json(sample_card())]}).json()
    assert again == {"ids": [card_id], "added": 0, "duplicates": 1}
    assert client.get("/api/stats").json()["cards"] == 1
    assert client.delete(f"/api/cards/{card_id}").json() == {"deleted": card_id}
    assert client.get(f"/api/cards/{card_id}").status_code == 404
    assert client.delete(f"/api/cards/{card_id}").status_code == 404
    assert client.get("/api/cards/not-an-id").status_code == 404


def test_list_cards_api_and_library_page_pages(client: TestClient) -> None:
    ids = [save(client, sample_card(f"Tag {i}", f"Body number {i} about shared solar arrays.")) for i in range(3)]
    listed = client.get("/api/cards", params={"limit": 2}).json()
    assert [c["id"] for c in listed["cards"]] == ids[::-1][:2] and listed["total"] == 3
    rest = client.get("/api/cards", params={"offset": 2, "limit": 2}).json()["cards"]
    assert [c["id"] for c in rest] == ids[:1] and rest[0]["tag"] == "Tag 0"
    assert client.get("/api/cards", params={"limit": 0}).status_code == 422
    page = client.get("/library").text
    assert all(f'data-id="{i}"' in page for i in ids) and "No cards yet" not in page
    client.delete(f"/api/cards/{ids[1]}")
    assert [c["id"] for c in client.get("/api/cards").json()["cards"]] == [ids[2], ids[0]]


def test_library_page_pager_links(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from cardsmith.web.routes import pages

    monkeypatch.setattr(pages, "PAGE", 2)
    ids = [save(client, sample_card(f"Tag {i}", f"Body number {i} about shared solar arrays.")) for i in range(3)]
    first = client.get("/library").text
    assert 'href="/library?offset=2"' in first and "← newer" not in first
    second = client.get("/library", params={"offset": 2}).text
    assert f'data-id="{ids[0]}"' in second and f'data-id="{ids[2]}"' not in second
    assert 'href="/library?offset=0"' in second and "older →" not in second


@pytest.mark.parametrize(
    "bad",
    [
        {"cards": []},
        {"cards": [{"tag": "t", "body": "short", "underline": [[0, 99]]}]},
        {"cards": ["not an object"]},
        {"nothing": 1},
    ],
)
def test_save_rejects_bad_cards(client: TestClient, bad: dict) -> None:
    response = client.post("/api/cards", json=bad)
    assert response.status_code == 422
    assert client.get("/api/stats").json()["cards"] == 0


def test_search_api_and_filters(client: TestClient) -> None:
    save(client, sample_card())
    other = sample_card(
        "Wind farms employ welders", "Offshore wind farms employ hundreds of welders each year."
    )
    other.cite.authors, other.cite.year, other.cite.short = ["Sam Ode"], 2019, "Ode 19"
    save(client, other)
    hits = client.get("/api/search", params={"q": "solar bills subscribers"}).json()["hits"]
    assert hits and hits[0]["card"]["tag"] == "Shared solar saves money" and hits[0]["score"] > 0
    by_year = client.get("/api/search", params={"q": "welders wind", "year": 2023}).json()["hits"]
    assert all(h["card"]["cite"]["year"] == 2023 for h in by_year)
    by_author = client.get("/api/search", params={"q": "welders wind", "author": "Ode"}).json()["hits"]
    assert [h["card"]["tag"] for h in by_author] == ["Wind farms employ welders"]
    assert client.get("/api/search", params={"q": "  "}).json()["hits"] == []


def test_search_page_links_cards_to_their_page(client: TestClient) -> None:
    card_id = save(client, sample_card())
    page = client.get("/search", params={"q": "shared arrays bills"}).text
    assert f'data-id="{card_id}"' in page and "Add to speech" in page
    assert f'<a href="/cards/{card_id}">Shared solar saves money</a>' in page
    # A raw ranking score means nothing to a debater: it is not shown.
    assert '<span class="short">Natarajan 23</span>' in page and 'class="score"' not in page


def test_card_text_is_always_escaped(client: TestClient) -> None:
    evil = sample_card(f"Tag {XSS}", f"Body with {XSS} inside it for the solar garden subscribers.")
    evil.cite.full = f"({XSS})"
    card_id = save(client, evil)
    pages = [
        client.get("/search", params={"q": "solar garden subscribers"}).text,
        client.get("/library", params={"q": "solar garden subscribers"}).text,
        client.get("/library", params={"q": "solar garden subscribers", "view": "full"}).text,
        client.get(f"/cards/{card_id}").text,
        client.post("/api/export", json={"ids": [card_id], "format": "html"}).text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "&lt;script&gt;" in page
    assert client.get(f"/api/cards/{card_id}").json()["tag"] == f"Tag {XSS}"


def test_export_formats_round_trip(client: TestClient, tmp_path) -> None:
    first = save(client, sample_card())
    second = save(
        client, sample_card("Second card", "Another shared array lowered bills for renters in town.")
    )
    response = client.post("/api/export", json={"ids": [second, first], "format": "docx", "name": "speech"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="speech.docx"'
    path = tmp_path / "speech.docx"
    path.write_bytes(response.content)
    cards = [i for i in read_verbatim(path) if hasattr(i, "body")]
    assert [c.tag for c in cards] == ["Second card", "Shared solar saves money"]
    assert cards[1].marks.highlight == [(7, 17)]
    for fmt in ("md", "txt", "json", "html"):
        out = client.post("/api/export", json={"cards": [card_to_json(sample_card())], "format": fmt})
        assert out.status_code == 200 and "Natarajan 23" in out.text
    every = client.post("/api/export", json={"all": True, "format": "json"}).json()
    assert sorted(c["tag"] for c in every) == ["Second card", "Shared solar saves money"]
    assert client.post("/api/export", json={"ids": ["c999"]}).status_code == 404
    assert client.post("/api/export", json={}).status_code == 400
    assert client.post("/api/export", json={"ids": [first], "format": "exe"}).status_code == 422


def test_docx_cards(client: TestClient) -> None:
    docx = render_cards(
        [sample_card(), sample_card("Two", "Second body of text about solar gardens.")], "docx"
    )
    cards = client.post("/api/docx/cards", files={"file": ("mine.docx", docx)}).json()["cards"]
    assert [c["tag"] for c in cards] == ["Shared solar saves money", "Two"]
    assert cards[0]["source"]["path"] == "mine.docx"
    plain = client.post("/api/docx/cards", files={"file": ("plain.docx", plain_docx_bytes("Just text."))})
    assert plain.status_code == 422 and "not a Verbatim file" in plain.json()["detail"]
    text = client.post("/api/docx/cards", files={"file": ("notes.txt", b"hello")})
    assert text.status_code == 415


# --- verify ------------------------------------------------------------------------------------


def _verify(client: TestClient, card: str, **extra) -> dict:
    response = client.post("/api/verify", data={"card": card, **extra.pop("data", {})}, **extra)
    assert response.status_code == 200, response.text
    return response.json()


def test_verify_verbatim_and_altered(client: TestClient) -> None:
    article = ARTICLE.read_text()
    body = next(p for p in article.split("\n\n") if "pools risk" in p)
    card = f"Shared solar is cheap\nNatarajan 23 (Priya Natarajan, fellow, 2023)\n{body}"
    same = _verify(client, card, data={"source_text": article})
    assert same["verdict"] == "verbatim" and same["differences"] == []
    altered_body = body.replace("hundreds of subscribers", "dozens of subscribers")
    altered = _verify(
        client, card.replace(body, altered_body), files={"sources": ("a.txt", article.encode())}
    )
    assert altered["verdict"] == "altered"
    diff = altered["differences"][0]
    assert altered_body[diff["card_start"] : diff["card_end"]] == diff["card_text"]
    assert altered["source"]["path"] == "a.txt"
    assert altered["card"]["body"] == altered_body


def test_verify_json_card_and_not_found(client: TestClient) -> None:
    card = json.dumps(card_to_json(sample_card()))
    result = _verify(
        client, card, data={"source_text": "Nothing in this text resembles the card at all, really."}
    )
    assert result["verdict"] == "not_found"


def test_verify_against_the_library(client: TestClient, library_path) -> None:
    from cardsmith.library import Library
    from cardsmith.sources import read_document

    with Library.open(library_path) as lib:
        lib.add_document(read_document(ARTICLE))  # stored under its absolute path: re-read whole
    body = next(p for p in ARTICLE.read_text().split("\n\n") if "pools risk" in p)
    card = f"Shared solar is cheap\nNatarajan 23 (Priya Natarajan, fellow, 2023)\n{body}"
    found = _verify(client, card, data={"library": "true"})
    assert found["verdict"] == "verbatim" and found["source"]["path"] == str(ARTICLE)
    unrelated = _verify(client, "Tag\nCite 20\nWelders build offshore wind farms every year.", data={"library": "true"})
    assert unrelated["verdict"] == "not_found"


def test_verify_bad_input(client: TestClient) -> None:
    no_source = client.post("/api/verify", data={"card": "a\nb\nsome body text"})
    assert no_source.status_code == 400
    bad_json = client.post("/api/verify", data={"card": "{not json", "source_text": "x y z"})
    assert bad_json.status_code == 422 and "malformed" in bad_json.json()["detail"]
    empty = client.post("/api/verify", data={"card": "   ", "source_text": "x y z"})
    assert empty.status_code == 422


# --- background import -------------------------------------------------------------------------


def test_import_job(client: TestClient) -> None:
    docx = render_cards(
        [sample_card(), sample_card("Two", "Second body of text about solar gardens.")], "docx"
    )
    files = [
        ("files", ("cards.docx", docx)),
        ("files", ("article.txt", ARTICLE.read_bytes())),
        ("files", ("bad.pdf", b"%PDF-1.4 nothing")),
        ("files", ("empty.txt", b"")),
    ]
    response = client.post("/api/import", files=files)
    assert response.status_code == 202
    job_id = response.json()["job"]["id"]
    job = client.app.state.cardsmith.jobs.wait(job_id)
    assert job.state == "done" and job.done == job.total == 4
    assert job.added == 3  # two cards, one source
    assert len(job.errors) == 2 and any("empty.txt" in e for e in job.errors)
    assert client.get(f"/api/jobs/{job_id}").json()["done"] == 4
    assert job_id in [j["id"] for j in client.get("/api/jobs").json()["jobs"]]
    stats = client.get("/api/stats").json()
    assert stats["cards"] == 2 and stats["sources"] == 1
    passages = client.get("/api/search", params={"q": "grain elevator Harlow", "kind": "passage"}).json()
    assert passages["hits"] and passages["hits"][0]["kind"] == "passage"
    assert client.get("/api/jobs/nope").status_code == 404


def test_import_keeps_a_files_headings_and_analytics_out_of_the_cards(client: TestClient) -> None:
    """As `cardsmith import`: analytics are layout to export again, not cards that search would return."""
    analytic = Card(tag="Extend the solar argument from the first speech.")
    docx = render_cards([Heading(1, "Solar aff"), analytic, sample_card()], "docx")
    job_id = client.post("/api/import", files=[("files", ("aff.docx", docx))]).json()["job"]["id"]
    assert client.app.state.cardsmith.jobs.wait(job_id).added == 1
    assert client.get("/api/stats").json()["cards"] == 1
    exported = client.post("/api/export", json={"all": True, "format": "json"}).json()
    assert [card["tag"] for card in exported] == [analytic.tag, sample_card().tag]


def test_import_single_bad_file_is_refused(client: TestClient) -> None:
    response = client.post("/api/import", files=[("files", ("x.pdf", b"not a pdf"))])
    assert response.status_code == 415


# --- access ------------------------------------------------------------------------------------


def test_token_guards_every_write(library_path) -> None:
    with TestClient(create_app(library_path, token="s3cret", public_read=True)) as client:
        body = {"cards": [card_to_json(sample_card())]}
        assert client.get("/api/stats").status_code == 200
        assert client.get("/search").status_code == 200
        missing = client.post("/api/cards", json=body)
        assert missing.status_code == 401 and "token" in missing.json()["detail"]
        assert client.post("/api/cards", json=body, headers={"X-Cardsmith-Token": "wrong"}).status_code == 401
        assert client.delete("/api/cards/c1").status_code == 401
        assert client.post("/api/cut", data={"text": "x"}).status_code == 401
        assert (
            client.post("/api/cards", json=body, headers={"X-Cardsmith-Token": "s3cret"}).status_code == 200
        )
        assert (
            client.post("/api/cards", json=body, headers={"Authorization": "Bearer s3cret"}).status_code
            == 200
        )
        assert client.get("/cut?token=nope", follow_redirects=False).status_code == 401
        signin = client.get("/cut?token=s3cret", follow_redirects=False)
        assert signin.status_code == 303 and signin.headers["location"].endswith("/cut")
        assert client.post("/api/cards", json=body).status_code == 200  # the cookie now carries it


def test_cross_origin_writes_are_refused(client: TestClient) -> None:
    body = {"cards": [card_to_json(sample_card())]}
    evil = client.post("/api/cards", json=body, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    same = client.post("/api/cards", json=body, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_body_limit_before_reading(library_path) -> None:
    with TestClient(create_app(library_path, max_upload=100)) as client:
        response = client.post(
            "/api/cards", content=b"x" * (3 * 2**20), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 413 and response.headers["connection"] == "close"


def test_upload_sniffing_prefers_content() -> None:
    from cardsmith.web.uploads import label_of, sniff

    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(b"<!doctype html><html><p>x</p>", "notes.txt") == "html"
    assert sniff(b"# Title\n\ntext", "notes.md") == "md"
    assert sniff(b"plain words", "notes.pdf") == "txt"
    assert sniff(b"\x00\x01\x02binary") is None
    assert sniff("caf\u00e9 na\u00efve".encode("latin-1")) == "txt"
    assert label_of("C:\\Users\\x\\..\\evil<b>.docx") == "evil_b_.docx"
    assert label_of("") == "upload"


def test_in_memory_docx_is_readable() -> None:
    data = plain_docx_bytes("one\n\ntwo")
    assert io.BytesIO(data).read(4) == b"PK\x03\x04"
