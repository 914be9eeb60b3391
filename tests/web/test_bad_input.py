"""Ordinary bad input is a 4xx with a one-line reason, never a 500: named cases, then every route walked."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from cardsmith.formats import card_to_json
from cardsmith.web.routes import cut, files, library, pages, search, verify
from tests.web.conftest import sample_card

HUGE_ID = "c99999999999999999999"
#: Text that parses as JSON nested past Python's recursion limit.
DEEP_JSON = '{"tag": ' + "[" * 100_000
#: JSON whose string holds half of a UTF-16 surrogate pair: valid JSON, not valid Unicode.
HALF_PAIR = '"words \\ud800 here"'
JSON = {"Content-Type": "application/json"}


def assert_refused(response, status: int | None = None) -> str:
    """A 4xx (``status`` if given) whose JSON detail is one line; returns the detail."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert status is None or response.status_code == status, response.text[:300]
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail


@pytest.fixture
def saved(client: TestClient) -> str:
    return client.post("/api/cards", json={"cards": [card_to_json(sample_card())]}).json()["ids"][0]


def test_export_name_in_any_script(client: TestClient, saved: str) -> None:
    response = client.post("/api/export", json={"ids": [saved], "name": "名前 1", "format": "md"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"__-1.md\"; filename*=UTF-8''%E5%90%8D%E5%89%8D-1.md"
    )


@pytest.mark.parametrize("path", ["/api/cards", "/library"])
def test_offset_past_sqlite_integers(client: TestClient, path: str) -> None:
    response = client.get(path, params={"offset": "99999999999999999999"})
    assert response.status_code == 422
    if path.startswith("/api/"):
        assert "offset" in assert_refused(response)


@pytest.mark.parametrize("method", ["GET", "DELETE"])
@pytest.mark.parametrize("card_id", [HUGE_ID, "c" + "9" * 5000, "p1"])
def test_ids_that_name_no_card(client: TestClient, saved: str, method: str, card_id: str) -> None:
    assert "no card" in assert_refused(client.request(method, f"/api/cards/{card_id}"), 404)
    assert_refused(client.post("/api/export", json={"ids": [card_id]}), 404)


@pytest.mark.parametrize(
    ("field", "value"),
    [("authors", 5), ("authors", [1]), ("year", 10**30), ("year", "2020"), ("year", True), ("title", ["x"])],
)
def test_cite_fields_of_the_wrong_type(client: TestClient, field: str, value: Any) -> None:
    card = card_to_json(sample_card())
    card["cite"][field] = value
    assert f"cite.{field}" in assert_refused(client.post("/api/cards", json={"cards": [card]}), 422)
    assert f"cite.{field}" in assert_refused(client.post("/api/export", json={"cards": [card]}), 422)
    assert client.get("/api/stats").json()["cards"] == 0


def test_deeply_nested_json(client: TestClient) -> None:
    verified = client.post("/api/verify", data={"card": DEEP_JSON, "source_text": "some source"})
    assert "nested too deeply" in assert_refused(verified, 400)
    body = client.post("/api/cards", content=b"[" * 100_000, headers=JSON)
    assert "nested too deeply" in assert_refused(body, 400)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/mark", f'{{"tag": "t", "body": {HALF_PAIR}}}'),
        ("/api/cite", f'{{"authors": [{HALF_PAIR}]}}'),
        ("/api/cards", f'{{"cards": [{{"tag": {HALF_PAIR}, "body": "b"}}]}}'),
        ("/api/export", f'{{"cards": [{{"tag": {HALF_PAIR}, "body": "b"}}], "format": "md"}}'),
    ],
)
def test_json_that_is_not_unicode(client: TestClient, path: str, body: str) -> None:
    assert "Unicode" in assert_refused(client.post(path, content=body.encode(), headers=JSON), 400)
    as_utf8 = client.post(path, content=body.encode().replace(b"\\ud800", b"\xed\xa0\x80"), headers=JSON)
    assert_refused(as_utf8, 400)


def test_pasted_card_json_that_is_not_unicode(client: TestClient) -> None:
    card = f'{{"tag": "t", "cite": "Lee 20", "body": {HALF_PAIR}}}'
    assert "Unicode" in assert_refused(client.post("/api/verify", data={"card": card, "source_text": "x"}), 400)


def test_search_page_year_that_only_looks_like_digits(client: TestClient) -> None:
    assert client.get("/search", params={"q": "solar", "year": "²"}).status_code == 422
    assert client.get("/search", params={"q": "solar", "year": ""}).status_code == 200


def test_deleted_card_ids_are_never_reused(client: TestClient, saved: str) -> None:
    assert client.delete(f"/api/cards/{saved}").status_code == 200
    other = sample_card("Wind farms employ welders", "Offshore wind farms employ hundreds of welders each year.")
    again = client.post("/api/cards", json={"cards": [card_to_json(other)]}).json()["ids"][0]
    assert again != saved and client.get(f"/api/cards/{saved}").status_code == 404


# --- every route, every parameter ---------------------------------------------------------------

TEXTS = ["99999999999999999999", "-1", "名前", "\x00", "9" * 5000, "", "²", HUGE_ID, "NaN", "[" * 1000]
VALUES: list[Any] = [5, 10**30, 1e308, True, None, "名前", "", [], {}, [[["deep"]]]]
BODIES = [b"[" * 100_000, HALF_PAIR.encode(), b"\xff\xfe", b"", b"null", b"[]", b"1e999999"]
#: Values for required parameters while another one is being tried.
GOOD = {
    "q": "solar",
    "card": "Shared solar saves money\nNatarajan 23\nShared arrays cut bills for every subscriber in the town.",
    "tag": "Shared solar saves money",
    "body": "Shared arrays cut bills.",
    "cards": [card_to_json(sample_card())],
}
UPLOADS = [("名前.txt", b"words"), ("x.pdf", b"\xff\xfe"), ("../../x.docx", b"PK\x03\x04"), ("", b"")]


def _routes() -> list[Any]:
    return [route for module in (cut, files, library, pages, search, verify) for route in module.router.routes]


def _checked(response) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text[:300])
    if response.status_code >= 400 and response.request.url.path.startswith("/api/"):
        assert_refused(response)


@pytest.mark.parametrize("route", _routes(), ids=lambda r: f"{sorted(r.methods)[0]} {r.path}")
def test_every_parameter_of_every_route(client: TestClient, saved: str, route: Any) -> None:
    method = sorted(route.methods)[0]
    dependant = route.dependant
    path_names = [p.alias for p in dependant.path_params]

    def url(**path: str) -> str:
        return route.path.format(**{name: quote(path.get(name, saved), safe="") for name in path_names})

    for name in path_names:
        for text in TEXTS:
            if text:
                _checked(client.request(method, url(**{name: text})))
    query = [p.alias for p in dependant.query_params]
    for name in query:
        base = {n: GOOD[n] for n in query if n in GOOD}
        for text in TEXTS:
            _checked(client.request(method, url(), params={**base, name: text}))
    forms = [p for p in dependant.body_params if type(p.field_info).__name__ in ("Form", "File")]
    if forms:
        base = {p.alias: GOOD[p.alias] for p in forms if p.alias in GOOD}
        for field in forms:
            if type(field.field_info).__name__ == "File":
                for upload in UPLOADS:
                    _checked(client.request(method, url(), data=base, files=[(field.alias, upload)]))
            else:
                for text in TEXTS:
                    _checked(client.request(method, url(), data={**base, field.alias: text}))
    models = [p.field_info.annotation for p in dependant.body_params if type(p.field_info).__name__ == "Body"]
    for model in models:
        names = list(model.model_fields)
        base = {n: GOOD[n] for n in names if n in GOOD}
        for name in names:
            for value in VALUES:
                _checked(client.request(method, url(), json={**base, name: value}))
        for body in BODIES:
            _checked(client.request(method, url(), content=body, headers=JSON))


def _card_fields() -> list[tuple[str, ...]]:
    card = card_to_json(sample_card())
    return [(key,) for key in card if key not in ("cite", "source")] + [
        (part, key) for part in ("cite", "source") for key in card[part]
    ]


@pytest.mark.parametrize("where", _card_fields(), ids=".".join)
def test_every_field_of_a_card(client: TestClient, where: tuple[str, ...]) -> None:
    for value in VALUES:
        card = card_to_json(sample_card())
        parent = card if len(where) == 1 else card[where[0]]
        parent[where[-1]] = value
        _checked(client.post("/api/cards", json={"cards": [card]}))
        _checked(client.post("/api/export", json={"cards": [card], "format": "docx"}))
        _checked(client.post("/api/verify", data={"card": json.dumps(card), "source_text": "Shared arrays."}))
