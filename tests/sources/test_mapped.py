import re

from cardsmith.sources.mapped import Builder, Mapped


def test_identity_and_lines():
    m = Mapped.identity("ab\ncd\n")
    assert m.offsets == [0, 1, 2, 3, 4, 5]
    assert m.line_spans() == [(0, 2), (3, 5), (6, 6)]


def test_remove_keeps_source_positions():
    m = Mapped.identity("0123456789").remove([(2, 4), (3, 6), (8, 9)])
    assert m.text == "01679"
    assert m.offsets == [0, 1, 6, 7, 9]


def test_remove_matches_group():
    m = Mapped.identity("a[1] b[2]").remove_matches(re.compile(r"\w(\[\d\])"), group=1)
    assert m.text == "a b"
    assert m.offsets == [0, 4, 5]


def test_builder_put_and_add():
    src = Mapped.identity("hello\nworld")
    b = Builder()
    b.add(src, 0, 5)
    b.put(" ", 5)
    b.add(src, 6)
    out = b.build()
    assert out.text == "hello world"
    assert out.offsets[5] == 5 and len(b) == 11
