"""``export --excel``: a CSV that Excel opens by a double-click, and that pandas and DuckDB read
as they read the plain one (issue 16 gap 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.cli import app
from propscope.corpus.export import BOM, export, read_export
from propscope.errors import ConfigError
from propscope.store import Store, open_store
from propscope.store.testing import make_store

TEXT = "Зеленський сказав: «Ми вистоїмо».\nZelenskyy’s office said the talks in Genève would go on."


def _analysis() -> Analysis:
    art = Article(text=TEXT, title="Переговори — Genève", outlet="Київ Пост", published="2026-03-02",
                  url="https://example.org/k", language="uk")
    i = TEXT.index("«Ми вистоїмо»")
    attr = (Span(i, i + len("«Ми вистоїмо»"), "attribution", {"speaker": "Зеленський", "kind": "direct",
                                                              "content": [[i, i + 13]], "cue": "said"}),)
    layers = {"attributions": Layer("attributions", "attribution", "1", attr)}
    return Analysis(art, layers, (AnalyzerInfo("attribution", "1"),))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with make_store("memory", tmp_path) as s:
        s.put(_analysis())
        yield s


def test_corpus_export_excel_bom_and_crlf(store: Store, tmp_path: Path) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export(store, "csv", plain, table="articles")
    export(store, "csv", excel, table="articles", excel=True)
    raw = excel.read_bytes()
    assert raw.startswith(BOM.encode("utf-8")) and not plain.read_bytes().startswith(BOM.encode("utf-8"))
    header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.startswith("article_id,") and "\n" not in header
    # every record ends with CRLF; the newline inside the quoted text cell is the text's own
    assert raw.count(b"\r\n") == 2 and raw.endswith(b"\r\n")


@pytest.mark.parametrize("table", ["articles", "attributions"])
def test_corpus_export_excel_reads_back_in_pandas_and_duckdb(store: Store, tmp_path: Path, table: str) -> None:
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export(store, "csv", plain, table=table)
    export(store, "csv", excel, table=table, excel=True)
    a, b = pd.read_csv(plain, keep_default_na=False), pd.read_csv(excel, keep_default_na=False)
    assert list(b.columns) == list(a.columns) and not b.columns[0].startswith(BOM)
    pd.testing.assert_frame_equal(a, b)
    if table == "articles":
        assert b.loc[0, "text"] == TEXT and b.loc[0, "outlet"] == "Київ Пост"
    con = duckdb.connect()
    da = con.execute(f"SELECT * FROM read_csv('{plain}', all_varchar=true)").fetchall()
    db = con.execute(f"SELECT * FROM read_csv('{excel}', all_varchar=true)").fetchall()
    cols = [d[0] for d in con.execute(f"SELECT * FROM read_csv('{excel}') LIMIT 0").description]
    assert db == da and cols[0] == a.columns[0]


def test_corpus_export_excel_lossless_reads_back(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export(store, "csv", out, excel=True)
    assert [x.to_json() for x in read_export(out)] == [_analysis().to_json()]
    with pytest.raises(ConfigError, match="--excel is for CSV"):
        export(store, "jsonl", tmp_path / "a.jsonl", excel=True)


def test_corpus_export_excel_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    s = open_store(url)
    s.put(_analysis())
    s.close()
    out = tmp_path / "t.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", url, "-t", "attributions", "-f", "csv", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(BOM.encode("utf-8"))
    result = runner.invoke(app, ["export", "--db", url, "-f", "jsonl", "--excel"])
    assert result.exit_code == 2 and "--excel is for CSV" in result.stderr
