"""Hostile-input audit: what malformed, hostile and odd inputs do to ``propscope analyze``,
``propscope ingest`` (including SIGKILLs mid-run) and ``propscope serve``.

    PYTHONPATH=src .venv/bin/python benchmarks/audit_hostile.py
        [--analyzers techniques_baseline] [--kills 20] [--jobs 2] [--seed 7]
        [--classes deep_json,csv,...] [--skip-ingest] [--skip-kill] [--skip-http]
        [--group-timeout 120] [--file-timeout 30] [--special-timeout 12] [--mem-gb 4]
        [--kills-per-db 5] [--grace 1] [--linger 1.5] [--skip-analyze] [--keep DIR]
        [--out benchmarks/results/audit_hostile.json]

It is meant to be rerun after a fix: the corpus is the same on every run (seeded), the
commands are the real CLI in subprocesses, and the summary says per class and per outcome
what went wrong.  The code under test is the ``src/`` next to this file (its path is put
first on the children's ``PYTHONPATH``); the CLI is the ``propscope`` script next to the
Python running the audit.  Nothing but 127.0.0.1 is ever contacted.

What it does, in order (about 5 minutes on 2 idle cores; 6-7 when they are shared):

1. **Corpus** (in a fresh temp dir, removed at the end unless ``--keep``): about 500 inputs
   in 16 classes, one folder each: ``deep_json`` (``'['*100000`` and friends in .json and in
   JSONL rows), ``bigint_jsonl`` (5,000-digit integers), ``surrogate_jsonl`` (``"\\udc00"``,
   ``"\\ud800"`` in outlet/title/text), ``bad_filename`` (names with invalid UTF-8 bytes),
   ``raw_ff`` (raw ``\\xff`` bytes in .txt/.json/.jsonl/.html/.csv), ``empty``, ``binary``,
   ``truncated_archive`` (cut/corrupt .warc.gz and .warc), ``malformed_xml`` (billion laughs,
   quadratic blow-up, deep nesting, an XXE reference to a marker file, unclosed feeds),
   ``html_nobody``, ``huge_paragraph`` (200,000-character single paragraphs; each file run on
   its own), ``chinese`` (paragraphs of sentences ending in 。), ``cr_only`` (CR line endings),
   ``prose_edge`` (real prose at the top or bottom of the body that mentions copyright, ©,
   "all rights reserved", or holds two " / " or " | "), ``csv`` (formula cells, huge cells,
   an unbalanced quote, a NUL) and ``valid`` (ordinary articles).  Every file knows the
   articles it must give (``valid_rows``), the hostile rows that may give an article or an
   error (``maybe_rows``), and the prose that must survive cleaning (``must_contain``).
   ``specials/`` (outside the corpus) holds a FIFO named ``f.txt``, a symlink to /dev/zero
   named ``zero.txt``, a symlink loop and a dangling symlink, each in a folder with one good
   article: each folder is analysed (a directory walk) and each special file on its own,
   under ``--special-timeout``.
2. **analyze**: one ``propscope analyze CLASS_DIR -f jsonl`` per class; when that run fails
   as a whole (exit 3, traceback, timeout, memory cap, signal) every file of the class is
   run on its own (``--jobs`` at a time) so that each outcome is pinned on a file.  Every
   child runs with ``RLIMIT_AS = --mem-gb`` and in its own session (a timeout kills the
   group).  Each file gets one outcome, the worst of its flags:

   ``memcap`` (MemoryError / allocation failure under the cap), ``hang`` (timeout),
   ``signal`` (killed by a signal), ``traceback``, ``internal_error`` (exit 3 / "internal
   error:"), ``raw_bytes`` (its JSON output is not valid UTF-8: unescaped raw bytes or lone
   surrogates), ``xxe_leak`` (the marker file's content in the output), ``rows_lost`` (fewer
   articles than ``valid_rows``), ``prose_lost`` (a ``must_contain`` sentence missing from
   its articles), ``bad_unreported`` (a bad item neither read nor named in an ``error:``
   line), ``silent`` (no article and no error line at all), ``extra_rows``, else ``ok``.
3. **ingest**: the whole corpus into one SQLite store, then each class into its own store
   (``--jobs`` at a time) and each special folder under the timeout; per class: exit code,
   the run's status, whether it aborted, articles stored vs expected, bad files with a row in
   ``ingest_errors``, prose lost.
4. **kill test**: ``propscope ingest --workers 2`` of 75 articles (the PTC dev articles at
   /work/shared/data/ptc/datasets/dev-articles, read in place, else 75 generated ones); the
   parent is SIGKILLed ``--kills`` times, each kill followed by a rerun, in cycles of
   ``--kills-per-db`` kills on a fresh SQLite store (so that every cycle has work to cut short),
   each cycle ended by a run to the end and checked: every article of an uninterrupted run
   stored exactly once, with its analysis, ``PRAGMA integrity_check``, runs left 'running'.
   Kills alternate between a random moment of a run and a moment while its pool workers
   analyse.  After each kill, leftovers (processes of the killed parent's tree, or naming the
   store, or orphans handed to the audit, which makes itself their subreaper) are counted after
   ``--grace`` seconds, given ``--linger`` more seconds to exit on their own, then killed.
5. **HTTP**: ``propscope serve --db memory://`` on a free 127.0.0.1 port; two concurrent
   POSTs of a 4.8 MB ``<b>x</b>…`` body to /api/v1/analyze; status codes, times, the server's
   RSS before and after, and the latency of GET / polled meanwhile.

Children get the audit's environment with ``COLUMNS=10000`` (error lines unwrapped, so that
each names its item), ``NO_COLOR``, one BLAS/OpenMP thread, no ``PROPSCOPE_DB``, and the locale
as it is: under C.UTF-8 Python writes stdout with ``surrogateescape``, which is how a lone
surrogate from a file name or a JSON string reaches the output as a raw byte.  Quick reruns:
``--skip-http`` (saves 1-2 minutes), ``--skip-kill``, ``--classes``, ``--kills 6``.

Output: a table on stdout and ``benchmarks/results/audit_hostile.json`` (per class and
outcome counts, per-file outcomes, every run's command, exit code, time and peak RSS).
The exit status is 0 whatever was found (the findings are the output); 2 on bad usage.
"""

from __future__ import annotations

import argparse
import gzip
import html
import itertools
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOST = "127.0.0.1"  # the only address this audit ever contacts
DEV_ARTICLES = Path("/work/shared/data/ptc/datasets/dev-articles")

CLASSES = [
    "deep_json", "bigint_jsonl", "surrogate_jsonl", "bad_filename", "raw_ff", "empty", "binary",
    "truncated_archive", "malformed_xml", "html_nobody", "huge_paragraph", "chinese", "cr_only",
    "prose_edge", "csv", "valid",
]
SPECIAL = "specials"
CODES = {name: f"c{i + 1:02d}" for i, name in enumerate([*CLASSES, SPECIAL])}
ISOLATED = {"huge_paragraph"}  # each file in its own run
# worst first
OUTCOMES = ["memcap", "hang", "signal", "traceback", "internal_error", "raw_bytes", "xxe_leak", "rows_lost",
            "prose_lost", "bad_unreported", "silent", "extra_rows", "ok"]
SHORT = {"internal_error": "internal", "bad_unreported": "unreported", "extra_rows": "extra"}
TOKEN = re.compile(r"c\d\d-f\d\d\d")
MEMORY_SIGNS = ("MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory", "failed to allocate",
                "Out of memory")
# Started by the audit itself: applies the memory cap, then becomes the command.
LIMIT_SHIM = ("import os,resource,sys\nm=int(sys.argv[1])\n"
              "if m>0: resource.setrlimit(resource.RLIMIT_AS,(m,m))\nos.execv(sys.argv[2],sys.argv[2:])")


# ============================================================================ prose generation
FIRST = ["Anna", "Peter", "Maria", "David", "Elena", "Tomas", "Sara", "James", "Lucia", "Omar", "Ingrid", "Kofi"]
LAST = ["Kovacs", "Lindqvist", "Santos", "Okafor", "Petrova", "Novak", "Haddad", "Whitfield", "Moreau", "Tanaka",
        "Brennan", "Adeyemi"]
PLACES = ["Vienna", "Lagos", "Lisbon", "Warsaw", "Manila", "Quito", "Tallinn", "Nairobi", "Porto", "Gdansk",
          "Cebu", "Mombasa"]
ORGS = ["the finance ministry", "the central bank", "the city council", "the port authority",
        "the national rail operator", "the health agency", "the audit office", "the water board"]
TOPICS = ["the budget", "the new rail line", "water prices", "the fishing quota", "the school reform",
          "the hospital plan", "the harbour expansion", "the tram contract", "the pension change"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "April", "June", "September", "October", "November"]
TEMPLATES = [
    "{person}, a spokesperson for {org}, said on {day} that {topic} would cost about {n} million euros.",
    "Officials in {place} said {topic} had been delayed by {k} months because of a shortage of engineers.",
    "{Org} published figures on {day} showing that complaints about {topic} rose by {k} percent in {year}.",
    "Critics in {place} called the plan for {topic} rushed, and {person} promised a full review by {month}.",
    "The proposal on {topic} drew {n} written objections, according to a report by {org}.",
    "{person} told reporters in {place} that the government would not change course on {topic}.",
    "Residents of {place} met on {day} evening to discuss {topic}, and about {n} people attended.",
    "According to {org}, the first stage of {topic} is due to finish in {month} {year}.",
    "{person} said the cost of {topic} had grown by {k} percent since the contract was signed in {year}.",
]


def _fill(rng: random.Random, template: str) -> str:
    org = rng.choice(ORGS)
    return template.format(person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", org=org, Org=org[0].upper() + org[1:],
                           topic=rng.choice(TOPICS), place=rng.choice(PLACES), day=rng.choice(DAYS),
                           month=rng.choice(MONTHS), year=rng.randrange(2009, 2025), n=rng.randrange(12, 9800),
                           k=rng.randrange(3, 97), n2=rng.randrange(100, 999), n3=rng.randrange(100, 999))


def sentence(rng: random.Random) -> str:
    return _fill(rng, rng.choice(TEMPLATES))


def paragraph(rng: random.Random, k: int | None = None) -> str:
    return " ".join(sentence(rng) for _ in range(k or rng.randrange(2, 4)))


def title(rng: random.Random) -> str:
    t = rng.choice(TOPICS).removeprefix("the ")
    return f"Questions over {t} in {rng.choice(PLACES)} as costs rise"


def article(rng: random.Random, paras: int | None = None) -> tuple[str, list[str]]:
    return title(rng), [paragraph(rng) for _ in range(paras or rng.randrange(3, 6))]


def txt(t: str, paras: list[str], nl: str = "\n") -> str:
    return t + nl + nl + (nl + nl).join(paras) + nl


def html_doc(t: str, paras: list[str], lang: str = "en") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(t)}</title></head>\n'
            f"<body><article><h1>{html.escape(t)}</h1>\n{body}</article></body></html>\n")


def row(rng: random.Random, ident: str, i: int, t: str | None = None, paras: list[str] | None = None,
        **extra: Any) -> dict[str, Any]:
    if t is None or paras is None:
        t, paras = article(rng, 3)
    return {"title": t, "text": "\n\n".join(paras), "outlet": "Example Daily",
            "url": f"https://example.org/{ident}/{i}", **extra}


def jl(rows: Iterable[dict[str, Any] | str]) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()


# Chinese: sentences ending in 。, no spaces
ZH_SUBJ = ["国家统计局", "市政府", "交通运输部", "该公司发言人", "当地居民代表", "多位经济学家", "卫生部门", "港口管理局"]
ZH_VERB = ["周二表示", "在记者会上说", "发布报告称", "指出", "透露", "周五证实"]
ZH_OBJ = ["今年上半年工业产值增长了{n}%", "新的地铁线路将于{y}年开通", "水价将在{m}月上调", "医院改革计划已经推迟了{k}个月",
          "渔业配额将减少{n}%", "学校改革的费用比预期高出{k}亿元", "港口扩建工程预计在{y}年完工", "有{n}名居民提交了书面意见"]


def zh_sentence(rng: random.Random) -> str:
    obj = rng.choice(ZH_OBJ).format(n=rng.randrange(2, 40), y=rng.randrange(2025, 2031), m=rng.randrange(1, 13),
                                    k=rng.randrange(2, 30))
    return f"{rng.choice(ZH_SUBJ)}{rng.choice(ZH_VERB)}，{obj}。"


def zh_article(rng: random.Random) -> tuple[str, list[str]]:
    t = f"{rng.choice(ZH_SUBJ)}谈{rng.choice(['水价', '地铁', '医院改革', '港口扩建', '渔业配额'])}问题"
    return t, ["".join(zh_sentence(rng) for _ in range(rng.randrange(2, 4))) for _ in range(rng.randrange(3, 5))]


def first_sentence(p: str) -> str:
    m = re.match(r".+?[.。](?=\s|$|[^\d])", p)
    return m.group(0) if m else p


def last_sentence(p: str) -> str:
    parts = re.findall(r"[^.。]+[.。]", p)
    return parts[-1].strip() if parts else p


# ============================================================================ the corpus
@dataclass
class Item:
    cls: str
    ident: str
    path: bytes  # absolute; bytes, since some names are not UTF-8
    desc: str
    valid_rows: int = 0  # articles that must come out
    maybe_rows: int = 0  # hostile rows that may come out as an article or as an error
    must_contain: list[str] = field(default_factory=list)
    bad: bool = False  # holds something that must be reported when it is not read
    tokens: list[str] = field(default_factory=list)  # what in a source names this item

    def __post_init__(self) -> None:
        self.tokens = self.tokens or [self.ident]

    def name(self, root: Path) -> str:
        """The path under the corpus root, printable (bad bytes as \\xNN)."""
        rel = os.path.relpath(self.path, os.fsencode(root))
        return os.fsdecode(rel).encode("utf-8", "backslashreplace").decode()


class Corpus:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.seed = seed
        self.items: list[Item] = []
        self._n: Counter[str] = Counter()
        self.marker = f"AUDIT-XXE-MARKER-{random.Random(seed).getrandbits(48):012x}"
        self.marker_path = root / "secret" / "marker.txt"
        self.marker_path.parent.mkdir(parents=True)
        self.marker_path.write_text(self.marker + "\n")

    def rng(self, cls: str) -> random.Random:
        return random.Random(f"{self.seed}-{cls}")

    def dir(self, cls: str) -> Path:
        d = self.root / "corpus" / cls
        d.mkdir(parents=True, exist_ok=True)
        return d

    def next_ident(self, cls: str) -> str:
        ident = f"{CODES[cls]}-f{self._n[cls]:03d}"
        self._n[cls] += 1
        return ident

    def add(self, cls: str, suffix: str, data: bytes | str, desc: str, *, extra: bytes = b"",
            folder: bytes | None = None, **expect: Any) -> Item:
        ident = self.next_ident(cls)
        base = os.fsencode(self.dir(cls))
        if folder is not None:
            base = os.path.join(base, folder)
            os.makedirs(base, exist_ok=True)
        path = os.path.join(base, ident.encode() + extra + suffix.encode())
        with open(path, "wb") as fh:
            fh.write(data.encode() if isinstance(data, str) else data)
        item = Item(cls, ident, path, desc, **expect)
        self.items.append(item)
        return item


def gen_deep_json(c: Corpus) -> None:
    cls, rng = "deep_json", c.rng("deep_json")
    for n in (1000, 10000, 100000):
        c.add(cls, ".json", "[" * n, f"'['*{n}, unclosed", bad=True)
        c.add(cls, ".json", "[" * n + "]" * n, f"'['*{n} closed", bad=True)
        c.add(cls, ".json", '{"a":' * n + "1" + "}" * n, f"{{'a':...}} nested {n}", bad=True)
    for n in (1000, 100000):
        c.add(cls, ".json", '[{"title": "T", "text": ' + "[" * n + "]" * n + "}]", f"array row, text nested {n}",
              bad=True)
    for k, n in enumerate((1000, 2000, 10000, 100000, 100000)):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        rows: list[Any] = [row(rng, ident, 1), '{"title": "x", "text": "y", "tags": ' + "[" * n + "]" * n + "}",
                           row(rng, ident, 3)]
        if k % 2:
            rows[1] = "[" * n
        c.add(cls, ".jsonl", jl(rows), f"JSONL: good row, {'a bare [*' if k % 2 else 'a row with tags nested '}{n}, good row",
              valid_rows=2, bad=True)
    for n in (1000, 100000):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        c.add(cls, ".jsonl", jl([row(rng, ident, 1), '{"text": ' + '{"a":' * n + "1" + "}" * n + "}"]),
              f"JSONL: good, object nested {n} in text", valid_rows=1, bad=True)
    for n in (1000, 100000):
        c.add(cls, ".json", '{"a":[' * n, f"mixed {{'a':[ nested {n}, unclosed", bad=True)
    c.add(cls, ".jsonl", "{" * 100000 + "\n", "JSONL: one line of 100,000 '{'", bad=True)
    for n in (100000,):
        c.add(cls, ".txt", "[" * n, "'['*100000 as .txt (text reader)", bad=True, maybe_rows=1)
        c.add(cls, ".csv", "title,text\nT," + "[" * n + "\n", "'['*100000 in a CSV cell", bad=True, maybe_rows=1)
        c.add(cls, ".html", "<p>" + "[" * n + "</p>", "'['*100000 in HTML", bad=True, maybe_rows=1)


def gen_bigint(c: Corpus) -> None:
    cls, rng = "bigint_jsonl", c.rng("bigint_jsonl")
    specs = [("id", 5000), ("id", 4301), ("id", 50000), ("published", 5000), ("outlet", 5000), ("title", 5000),
             ("text", 5000), ("id", -5000), ("nested", 5000), ("id", 4300), ("float", 5000)]
    for fld, digits in specs:
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        num = ("-" if digits < 0 else "") + "7" + "1" * (abs(digits) - 1)
        if fld == "float":
            num = "7" * abs(digits) + ".5"
        base = row(rng, ident, 2)
        if fld == "nested":
            mid = json.dumps(base)[:-1] + ', "meta": {"n": [' + num + "]}}"
        elif fld in ("title", "text", "outlet", "published"):
            base.pop(fld, None)
            mid = json.dumps(base)[:-1] + f', "{fld}": {num}}}'
        else:
            mid = json.dumps(base)[:-1] + f', "{fld}": {num}}}'
        ok_number = abs(digits) <= 4300 or fld == "float"
        must_text = fld != "text"  # a number as the text: an error is right
        c.add(cls, ".jsonl", jl([row(rng, ident, 1), mid, row(rng, ident, 3)]),
              f"JSONL: {abs(digits)}-digit {'float' if fld == 'float' else 'integer'} in {fld!r}",
              valid_rows=2 + (1 if ok_number and must_text else 0),
              maybe_rows=0 if ok_number or not must_text else 1, bad=not ok_number)
    for digits in (5000, 4301, 50000):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        body = "[" + json.dumps(row(rng, ident, 1)) + ", " + json.dumps(row(rng, ident, 2))[:-1] + \
               f', "id": {"9" * digits}}}]'
        c.add(cls, ".json", body, f"JSON array: {digits}-digit id in row 2", valid_rows=1, maybe_rows=1, bad=True)


def gen_surrogates(c: Corpus) -> None:
    cls, rng = "surrogate_jsonl", c.rng("surrogate_jsonl")
    values = ["Daily \udc00", "\ud800", "a\udfffb", "\udc00\ud800", "\udcff", "x\ud800\ud800y"]
    fields_ = ["outlet", "title", "text", "url", "id"]
    for fld in fields_:
        for v in values[:4] if fld != "outlet" else values[:5]:
            ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
            bad_row = row(rng, ident, 2)
            if fld == "text":
                bad_row["text"] = bad_row["text"].replace(". ", f". Note {v} here. ", 1)
            else:
                bad_row[fld] = v
            c.add(cls, ".jsonl", jl([row(rng, ident, 1), bad_row, row(rng, ident, 3)]),
                  f"JSONL: {ascii(v)} in {fld!r}", valid_rows=2, maybe_rows=1, bad=True)
    for v in ("Daily \udc00", "\ud800", "\udcff"):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        r2 = row(rng, ident, 2, outlet=v)
        r2["title"] = "Title " + v
        c.add(cls, ".json", json.dumps([row(rng, ident, 1), r2]), f"JSON array: {ascii(v)} in outlet and title",
              valid_rows=1, maybe_rows=1, bad=True)
    ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
    c.add(cls, ".jsonl", jl([row(rng, ident, 1), row(rng, ident, 2, title="Smile \ud83d\ude00")]),
          "control: a valid surrogate pair (emoji) in title", valid_rows=2)
    ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
    c.add(cls, ".jsonl", jl([row(rng, ident, 1, text=paragraph(rng) + " \ud800")]),
          "lone \\ud800 at the end of the only row's text", maybe_rows=1, bad=True)


def gen_bad_filenames(c: Corpus) -> None:
    cls, rng = "bad_filename", c.rng("bad_filename")
    extras = [b"-\xff", b"-caf\xe9", b"-\xc3\x28", b"-\xc0\xaf", b"-\xed\xa0\x80", b"-\xfe\xfe", b"-\x80abc",
              b"-\xe2\x82", b"-ok\xf0\x9f", b"-\xff\xfe\xfd"]
    for i, extra in enumerate(extras):
        t, paras = article(rng)
        c.add(cls, ".txt", txt(t, paras), f"valid .txt named with {extra!r}", extra=extra, valid_rows=1,
              must_contain=[first_sentence(paras[0])])
        if i < 6:
            t, paras = article(rng)
            c.add(cls, ".html", html_doc(t, paras), f"valid .html named with {extra!r}", extra=extra, valid_rows=1)
        if i < 4:
            ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
            c.add(cls, ".jsonl", jl([row(rng, ident, 1), row(rng, ident, 2)]), f"valid JSONL named with {extra!r}",
                  extra=extra, valid_rows=2)
    for i in range(4):
        t, paras = article(rng)
        c.add(cls, ".txt", txt(t, paras), "valid .txt in a folder named b'd-\\xff'", folder=b"d-\xff" + bytes([48 + i]),
              valid_rows=1)


def gen_raw_ff(c: Corpus) -> None:
    cls, rng = "raw_ff", c.rng("raw_ff")
    for i in range(14):
        t, paras = article(rng, 4)
        clean = paras[-1]
        dirty = paras[1].replace(" ", " \xff", 1 + i % 3) if i % 2 else paras[1].replace("e", "\xff", 2)
        data = txt(t, [paras[0], dirty, paras[2], clean]).encode("latin-1")
        if i == 9:
            data = b"\xff" * 40 + b"\n" + data
        c.add(cls, ".txt", data, f"UTF-8 .txt with raw \\xff bytes (variant {i})", valid_rows=1,
              must_contain=[first_sentence(clean)])
    for i in range(6):
        t, paras = article(rng, 3)
        dirty = paras[1].replace(" ", " \xff", 2)
        c.add(cls, ".html", html_doc(t, [paras[0], dirty, paras[2]]).encode("latin-1"), "HTML with raw \\xff bytes",
              valid_rows=1, must_contain=[first_sentence(paras[2])])
    for i in range(8):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        r1, r2, r3 = row(rng, ident, 1), row(rng, ident, 2), row(rng, ident, 3)
        line2 = json.dumps(r2).encode().replace(b" the ", b" the \xff", 1)
        if i >= 4:  # the bad byte in the first MiB decides the encoding of the whole stream
            lines = [line2, json.dumps(r1).encode(), json.dumps(r3).encode()]
        else:
            lines = [json.dumps(r1).encode(), line2, json.dumps(r3).encode()]
        c.add(cls, ".jsonl", b"\n".join(lines) + b"\n", f"JSONL with a raw \\xff inside a string (row {2 if i < 4 else 1})",
              valid_rows=2, maybe_rows=1, must_contain=[first_sentence(r1["text"]), first_sentence(r3["text"])])
    for i in range(6):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        r1, r2 = row(rng, ident, 1), row(rng, ident, 2)
        body = (json.dumps([r1, r2]).encode().replace(b"the ", b"the \xff", 1) if i % 2
                else json.dumps(r1).encode().replace(b"said", b"s\xffid", 1))
        c.add(cls, ".json", body, "JSON with a raw \\xff inside a string", valid_rows=1 if i % 2 else 0,
              maybe_rows=1, bad=True)
    for i in range(6):
        t, paras = article(rng, 3)
        t2, paras2 = article(rng, 3)
        out = io_csv([["title", "text"], [t, "\n\n".join(paras)], [t2.replace("over", "\xffover"), "\n\n".join(paras2)]])
        c.add(cls, ".csv", out.encode("latin-1", "replace"), "CSV with a raw \\xff in a title cell", valid_rows=2,
              must_contain=[first_sentence(paras[0])])


def io_csv(rows: list[list[str]], delimiter: str = ",") -> str:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def gen_empty(c: Corpus) -> None:
    cls = "empty"
    for suffix in (".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ".warc", ".warc.gz"):
        c.add(cls, suffix, b"", f"0-byte {suffix}", bad=True)
    c.add(cls, ".txt", b"   \n\n\t  \n", "whitespace only .txt", bad=True)
    c.add(cls, ".txt", b"\xef\xbb\xbf", "UTF-8 BOM only .txt", bad=True)
    c.add(cls, ".txt", "\u200b\u200b\n\u00a0\n", "zero-width and NBSP only .txt", bad=True)
    c.add(cls, ".json", b"[]", "JSON empty array", bad=True)
    c.add(cls, ".json", b"{}", "JSON empty object", bad=True)
    c.add(cls, ".json", b"null", "JSON null", bad=True)
    c.add(cls, ".jsonl", b"\n\n\n", "JSONL blank lines only", bad=True)
    c.add(cls, ".csv", b"title,text\n", "CSV header only", bad=True)
    c.add(cls, ".html", b"<html></html>", "empty <html>", bad=True)
    c.add(cls, ".txt", b"Only a title line\n", "a title line and no body", bad=True)
    c.add(cls, ".txt", b"\n\n\nTitle\n\n\n", "blank lines around a title", bad=True)
    c.add(cls, ".jsonl", b'{"title": "T", "text": ""}\n{"title": "U"}\n', "JSONL rows with empty / no text",
          bad=True)
    c.add(cls, ".csv", b"title,text\nT,\n,\n", "CSV rows with empty text", bad=True)
    c.add(cls, ".rss", rss([]), "RSS with no items", bad=True)


def gen_binary(c: Corpus) -> None:
    cls, rng = "binary", c.rng("binary")
    suffixes = [".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ".warc", ".warc.gz"]
    for i, s in enumerate(suffixes):
        c.add(cls, s, rng.randbytes(4096 + 997 * i), f"random bytes as {s}", bad=True)
    heads = [(b"\x89PNG\r\n\x1a\n", ".txt", "PNG"), (b"\x7fELF\x02\x01\x01", ".html", "ELF"),
             (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", ".txt", "PDF"), (b"PK\x03\x04", ".json", "ZIP"),
             (b"SQLite format 3\x00", ".csv", "SQLite"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", ".html", "JPEG"),
             (b"GIF89a", ".txt", "GIF"), (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", ".txt", "gzip header"),
             (b"\x00\x00\x00\x00", ".jsonl", "NULs"), (b"\xca\xfe\xba\xbe", ".xml", "Mach-O")]
    for magic, s, what in heads:
        c.add(cls, s, magic + rng.randbytes(3000), f"{what} bytes as {s}", bad=True)
    t, paras = article(rng)
    c.add(cls, ".txt", gzip.compress(txt(t, paras).encode(), mtime=0), "a gzip-compressed article as .txt", bad=True)
    c.add(cls, ".warc.gz", gzip.compress(txt(t, paras).encode(), mtime=0), "gzip of plain text as .warc.gz", bad=True)
    c.add(cls, ".txt", txt(t, paras).encode("utf-16-le"), "UTF-16-LE without BOM as .txt", bad=True, maybe_rows=1)
    c.add(cls, ".txt", txt(t, paras).encode("utf-16"), "UTF-16 with BOM (valid)", valid_rows=1)
    c.add(cls, ".jsonl", (json.dumps(row(rng, "b", 1)) + "\n").encode() + b"\x00" * 64 + b"\n",
          "JSONL: a good row then NULs", valid_rows=0, maybe_rows=1, bad=True)
    c.add(cls, ".txt", bytes(range(1, 32)) * 200, "control characters only", bad=True)
    for i in range(8):
        c.add(cls, ".html", b"<html><body>" + rng.randbytes(2000) + b"</body></html>", "HTML shell, random body",
              bad=True)
    c.add(cls, ".csv", b"title,text\nT," + rng.randbytes(5000).replace(b"\x00", b"\x01") + b"\n",
          "CSV with a random-bytes cell", bad=True, maybe_rows=1)


def warc_record(uri: str, body: str, i: int) -> bytes:
    payload = body.encode()
    http_part = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                 + str(len(payload)).encode() + b"\r\n\r\n" + payload)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012d}>\r\n"
            f"WARC-Date: 2024-03-0{1 + i % 9}T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http_part)}\r\n\r\n").encode()
    return head + http_part + b"\r\n\r\n"


def gen_truncated(c: Corpus) -> None:
    """Each file its own three records (no two files share an article: the store would fold them)."""
    cls, rng = "truncated_archive", c.rng("truncated_archive")
    serial = itertools.count()

    def archive() -> tuple[list[bytes], list[bytes], list[int]]:
        recs = []
        for _ in range(3):
            t, paras = article(rng, 4)
            i = next(serial)
            recs.append(warc_record(f"https://example.org/warc/{i}", html_doc(t, paras), i))
        members = [gzip.compress(r, mtime=0) for r in recs]
        return recs, members, [sum(len(m) for m in members[:k + 1]) for k in range(3)]

    cuts: list[tuple[Callable[[list[int]], int], int, int, str]] = [
        (lambda e: 5, 0, 0, "cut in the first gzip header"),
        (lambda e: e[0] // 2, 0, 0, "cut in record 1"),
        (lambda e: e[0] + 3, 1, 0, "cut in record 2's gzip header"),
        (lambda e: (e[0] + e[1]) // 2, 1, 0, "cut in record 2"),
        (lambda e: e[2] - 4, 2, 1, "cut in the last gzip trailer"),
        (lambda e: e[2] - (e[2] - e[1]) // 3, 2, 0, "cut in record 3"),
    ]
    for v in range(3):
        for where, valid, maybe, what in cuts:
            _, members, ends = archive()
            c.add(cls, ".warc.gz", b"".join(members)[:where(ends)], f".warc.gz of 3, {what}", valid_rows=valid,
                  maybe_rows=maybe, bad=True)
        _, members, ends = archive()
        corrupt = bytearray(b"".join(members))
        mid = (ends[0] + ends[1]) // 2
        corrupt[mid:mid + 16] = bytes(16)
        c.add(cls, ".warc.gz", bytes(corrupt), ".warc.gz of 3, record 2's deflate data zeroed", valid_rows=1,
              maybe_rows=1, bad=True)
        _, members, _ = archive()
        c.add(cls, ".warc.gz", b"".join(members) + b"\x00garbage after the last member" * 3,
              ".warc.gz of 3 + trailing garbage", valid_rows=3, bad=True)
        recs, _, _ = archive()
        c.add(cls, ".warc", b"".join(recs)[:len(recs[0]) + len(recs[1]) // 2], ".warc of 3, cut in record 2",
              valid_rows=1, bad=True)
    recs, _, _ = archive()
    lie = recs[0].replace(b"Content-Length: ", b"Content-Length: 9", 1)
    c.add(cls, ".warc", lie + recs[1], ".warc: record 1's Content-Length 10x too big", maybe_rows=2, bad=True)
    recs, _, _ = archive()
    c.add(cls, ".warc.gz", gzip.compress(b"".join(recs), mtime=0)[:-40], ".warc.gz as one member, cut 40 bytes short",
          valid_rows=2, bad=True)
    _, members, _ = archive()
    c.add(cls, ".warc.gz", b"".join(members), "control: a whole .warc.gz", valid_rows=3)


XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
_LINKS = itertools.count()  # every feed item its own link: the store would fold two sightings of one text and URL


def rss(items: list[tuple[str, str]], doctype: str = "", channel_title: str = "Example Feed") -> str:
    body = "".join(f"<item><title>{t}</title><link>https://example.org/feed/{next(_LINKS)}</link>"
                   f"<description>{d}</description></item>\n" for t, d in items)
    return f"{XML_HEAD}{doctype}<rss version=\"2.0\"><channel><title>{channel_title}</title>\n{body}</channel></rss>\n"


def gen_xml(c: Corpus) -> None:
    cls, rng = "malformed_xml", c.rng("malformed_xml")
    lol = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    laughs = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>\n'
    blob = "A" * 50000
    quad = f'<!DOCTYPE rss [<!ENTITY a "{blob}">]>\n'
    xxe = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{c.marker_path}">]>\n'
    for suffix in (".rss", ".xml"):
        c.add(cls, suffix, rss([("Laughs", "&lol9;")], laughs), f"billion laughs in an item ({suffix})", bad=True,
              maybe_rows=1)
        c.add(cls, suffix, rss([("&lol9;", paragraph(rng))], laughs, "&lol9;"), f"billion laughs in titles ({suffix})",
              bad=True, maybe_rows=1)
        c.add(cls, suffix, rss([("Quad", "&a;" * 20000)], quad), f"quadratic blow-up, 1 GB ({suffix})", bad=True,
              maybe_rows=1)
        c.add(cls, suffix, rss([("XXE", paragraph(rng) + " &xxe;")], xxe), f"XXE file:// entity ({suffix})",
              bad=True, maybe_rows=1)
        c.add(cls, suffix, XML_HEAD + "<rss><channel>" + "<x>" * 100000 + "</x>" * 100000 + "</channel></rss>",
              f"100,000 nested elements in channel ({suffix})", bad=True)
        c.add(cls, suffix, rss([("Deep", "<![CDATA[" + "<div>" * 100000 + paragraph(rng) + "</div>" * 100000 + "]]>")]),
              f"100,000 nested <div> in an item's HTML ({suffix})", bad=True, maybe_rows=1)
        if suffix == ".rss":
            c.add(cls, suffix, XML_HEAD + "<rss><channel>" + "<item>" * 10000, f"10,000 unclosed <item> ({suffix})",
                  bad=True, maybe_rows=1)
    ext = '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///nonexistent/x.dtd"> %p;]>\n'
    c.add(cls, ".rss", rss([("Param", paragraph(rng))], ext), "external parameter entity", bad=True, maybe_rows=1)
    atom_l = (f'{XML_HEAD}<!DOCTYPE feed [<!ENTITY lol0 "lol">{lol}]>\n<feed xmlns="http://www.w3.org/2005/Atom">'
              "<title>&lol9;</title><entry><title>A</title><content type=\"text\">&lol9;</content></entry></feed>")
    c.add(cls, ".atom", atom_l, "billion laughs in Atom", bad=True, maybe_rows=1)

    def good() -> str:  # a fresh valid feed each time: two files with one text and link would be one article
        t, paras = article(rng, 3)
        return rss([(t, html.escape(" ".join(paras)))])

    cut = good()
    c.add(cls, ".rss", cut[: len(cut) // 2], "RSS cut in the middle of the only item", bad=True, maybe_rows=1)
    c.add(cls, ".rss", good().replace("</title>", "</titel>", 1), "mismatched tag", bad=True, maybe_rows=1)
    c.add(cls, ".rss", good().replace("<description>", "<description>&#1;&#xFFFF;", 1), "invalid character references",
          bad=True, maybe_rows=1)
    c.add(cls, ".rss", good().replace("Example Feed", "Example &nbsp; Feed &bogus;", 1), "undefined entities",
          bad=True, maybe_rows=1)
    c.add(cls, ".rss", good().replace('encoding="utf-8"', 'encoding="utf-16"', 1), "declares UTF-16, is UTF-8",
          bad=True, maybe_rows=1)
    c.add(cls, ".xml", XML_HEAD + "<svg xmlns='http://www.w3.org/2000/svg'><text>hi</text></svg>", "SVG as .xml",
          bad=True)
    c.add(cls, ".xml", XML_HEAD + "<rss><channel><item><title>x", "RSS with nothing closed", bad=True,
          maybe_rows=1)
    c.add(cls, ".rss", rss([(f"Item {i}", "") for i in range(2000)]), "2,000 items with empty bodies", bad=True)
    c.add(cls, ".html", "<div>" * 100000 + "<p>" + paragraph(rng) + "</p>" + "</div>" * 100000,
          "HTML: prose under 100,000 nested <div>", bad=True, maybe_rows=1)
    c.add(cls, ".html", laughs.replace("rss", "html") + "<html><body><p>&lol9;</p></body></html>",
          "HTML with a billion-laughs DOCTYPE", bad=True, maybe_rows=1)
    t, paras = article(rng, 3)
    c.add(cls, ".rss", rss([(t, html.escape(" ".join(paras)))], xxe),
          "control-ish: valid item, unused XXE declaration", valid_rows=0, maybe_rows=1, bad=True)
    c.add(cls, ".rss", good(), "control: a valid RSS item", valid_rows=1)
    c.add(cls, ".atom", XML_HEAD + '<feed xmlns="http://www.w3.org/2005/Atom">' + "<entry>" * 10000,
          "Atom: 10,000 unclosed <entry>", bad=True)
    c.add(cls, ".rss", good().replace("<item>", '<item x="&lol9;">', 1).replace("<rss", laughs + "<rss", 1),
          "billion laughs in an attribute", bad=True, maybe_rows=1)


def gen_html_nobody(c: Corpus) -> None:
    cls, rng = "html_nobody", c.rng("html_nobody")
    shells = [
        ("<html><head><title>Only a title</title></head></html>", "head with a title, no body"),
        ("<html>", "a lone <html>"), ("<!doctype html>", "a lone doctype"),
        ("<html><head></head><body></body></html>", "empty body"), ("<body>", "a lone <body>"),
        ("<html><head><script>var a = 1; document.write('x');</script></head></html>", "only a script"),
        ("<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>", "frameset"),
        ('<html><head><meta http-equiv="refresh" content="0;url=https://example.org/"></head></html>', "meta refresh"),
        ("<!-- nothing here -->", "only a comment"), ("<html><head><style>p{color:red}</style></head></html>", "style"),
        ("<html><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav></body></html>", "only a nav"),
        ("<html><head><title>T</title><meta name='description' content='" + paragraph(rng) + "'></head></html>",
         "prose only in meta description"),
    ]
    for doc, what in shells:
        c.add(cls, ".html", doc, f"HTML, no body: {what}", bad=True, maybe_rows=1 if "meta description" in what else 0)
    for what, build in [
        ("prose in <p> after </head>, no <body> tag", lambda t, p: f"<html><head><title>{t}</title></head>"
         + "".join(f"<p>{x}</p>" for x in p) + "</html>"),
        ("only <p> fragments", lambda t, p: "".join(f"<p>{x}</p>\n" for x in p)),
        ("unclosed <body> and <p>", lambda t, p: f"<html><body><h1>{t}</h1>" + "".join(f"<p>{x}" for x in p)),
        ("prose in <div>s, no body", lambda t, p: f"<html><title>{t}</title>" + "".join(f"<div>{x}</div>" for x in p)),
    ]:
        for _ in range(3):
            t, paras = article(rng, 4)
            c.add(cls, ".html", build(t, paras), f"HTML: {what}", valid_rows=1,
                  must_contain=[first_sentence(paras[1])])


def gen_huge(c: Corpus) -> None:
    cls, rng = "huge_paragraph", c.rng("huge_paragraph")
    def long_prose() -> tuple[str, list[str]]:  # a new one for each file: the store would fold equal texts
        sents: list[str] = []
        while sum(len(s) + 1 for s in sents) < 200_000:
            sents.append(sentence(rng))
        prose = " ".join(sents)[:200_000]
        return prose[: prose.rfind(".") + 1], sents

    prose, sents = long_prose()
    c.add(cls, ".txt", "A very long report\n\n" + prose + "\n", "200,000-char paragraph of sentences", valid_rows=1,
          must_contain=[sents[0], sents[len(sents) // 2]])
    words = " ".join(rng.choice(["costs", "rail", "budget", "council", "water", "plan", "the", "and", "of"])
                     for _ in range(40000))[:200_000]
    c.add(cls, ".txt", "A long run-on\n\n" + words + "\n", "200,000 chars of words, no punctuation", valid_rows=1)
    c.add(cls, ".txt", "No spaces at all\n\n" + "x" * 200_000 + "\n", "200,000 x, no spaces", maybe_rows=1)
    prose, sents = long_prose()
    c.add(cls, ".html", html_doc("A very long page", [prose]), "HTML <p> of 200,000 chars", valid_rows=1,
          must_contain=[sents[0]])
    prose, sents = long_prose()
    c.add(cls, ".jsonl", jl([{"title": "Long", "text": prose}]), "JSONL row with a 200,000-char text", valid_rows=1,
          must_contain=[sents[0]])
    zh = ""
    while len(zh) < 200_000:
        zh += zh_sentence(rng)
    c.add(cls, ".txt", "很长的报告\n\n" + zh[:200_000] + "\n", "200,000 Chinese chars, 。 and no spaces", valid_rows=1)


def gen_chinese(c: Corpus) -> None:
    cls, rng = "chinese", c.rng("chinese")
    for i in range(20):
        t, paras = zh_article(rng)
        if i >= 16:
            t = title(rng)  # an English title over a Chinese body
        c.add(cls, ".txt", txt(t, paras), "Chinese .txt, paragraphs of sentences ending in 。", valid_rows=1,
              must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])
    for _ in range(5):
        t, paras = zh_article(rng)
        c.add(cls, ".html", html_doc(t, paras, "zh"), "Chinese HTML", valid_rows=1,
              must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])
    for _ in range(3):
        rows_, must = [], []
        for _ in range(3):
            t, paras = zh_article(rng)
            rows_.append({"title": t, "text": "\n\n".join(paras)})
            must.append(first_sentence(paras[0]))
        c.add(cls, ".jsonl", jl(rows_), "Chinese JSONL, 3 rows", valid_rows=3, must_contain=must)
    for _ in range(2):
        t, paras = zh_article(rng)
        c.add(cls, ".csv", io_csv([["title", "text"], [t, "\n\n".join(paras)]]), "Chinese CSV", valid_rows=1,
              must_contain=[first_sentence(paras[0])])


def gen_cr(c: Corpus) -> None:
    cls, rng = "cr_only", c.rng("cr_only")
    for i in range(22):
        t, paras = article(rng, 4)
        nl, what = ("\r", "CR-only") if i < 18 else ("\r\n", "CRLF (control)")
        c.add(cls, ".txt", txt(t, paras, nl), f".txt with {what} line endings", valid_rows=1,
              must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])
    for _ in range(3):
        t, paras = article(rng, 4)
        doc = txt(t, paras[:2], "\n") + "\r\r".join(paras[2:]) + "\r"
        c.add(cls, ".txt", doc, ".txt with LF then CR-only line endings", valid_rows=1,
              must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])
    t, paras = article(rng, 4)
    c.add(cls, ".html", html_doc(t, paras).replace("\n", "\r"), "HTML with CR-only line endings", valid_rows=1,
          must_contain=[first_sentence(paras[0])])
    ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
    c.add(cls, ".jsonl", "\r".join(json.dumps(row(rng, ident, i)) for i in range(3)) + "\r",
          "JSONL with CR-only line endings", valid_rows=3)
    ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
    c.add(cls, ".json", "\r".join(json.dumps(row(rng, ident, i)) for i in range(3)) + "\r",
          ".json holding CR-separated JSON lines", valid_rows=3)
    t, paras = article(rng, 3)
    t2, paras2 = article(rng, 3)
    c.add(cls, ".csv", io_csv([["title", "text"], [t, "\n\n".join(paras)], [t2, "\n\n".join(paras2)]]).replace("\n", "\r"),
          "CSV with CR-only line endings", valid_rows=2)
    t, paras = article(rng, 3)
    c.add(cls, ".csv", io_csv([["title", "text"], [t, "\r\r".join(paras)]]), "CSV, CR-only inside the text cell",
          valid_rows=1, must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])


EDGE_PROSE = {
    "copyright": "{person} said the copyright dispute with {org} was settled in {place} on {day}, after {k} months.",
    "©": "The museum in {place} said each photograph carries a small © mark at the artist's request, and {n} people "
         "came in the first week.",
    "all rights reserved": "Under the {year} treaty {place} kept all rights reserved for its own fishing fleet, "
                           "{person} told parliament on {day}.",
    "(c) year": "Judges in {place} cited section 4(c) {year} of the code, which {person} said limited the council's "
                "powers.",
    "two ' / '": "The index stood at {n2} / {n3} / {k}0 in the three quarters, {org} said on {day} in {place}.",
    "two ' | '": "Voters in {place} chose between Yes | No | Abstain, and {person} said turnout was {k} percent.",
    "' / ' x2 prose": "The 24 / 7 hotline and the park / ride link opened in {place} on {day}, {person} said.",
}
FURNITURE = "© 2024 Example Daily. All rights reserved."


def gen_prose_edge(c: Corpus) -> None:
    cls, rng = "prose_edge", c.rng("prose_edge")
    kinds = list(EDGE_PROSE)
    positions = ["top", "bottom", "both", "only", "bottom+furniture", "top", "bottom"]
    n = 0
    for pos in positions:
        for kind in kinds:
            t, paras = article(rng, 3)
            edge = [_fill(rng, EDGE_PROSE[kind])]
            if pos == "top":
                body = edge + paras
            elif pos == "bottom":
                body = paras + edge
            elif pos == "both":
                edge.append(_fill(rng, EDGE_PROSE[kinds[(kinds.index(kind) + 1) % len(kinds)]]))
                body = [edge[0], *paras, edge[1]]
            elif pos == "only":
                body = edge
            else:
                body = [*paras, edge[0], FURNITURE]
            c.add(cls, ".txt", txt(t, body), f".txt, {kind} prose at the {pos}", valid_rows=1, must_contain=edge)
            n += 1
    for kind in kinds:
        t, paras = article(rng, 3)
        edge = [_fill(rng, EDGE_PROSE[kind]), _fill(rng, EDGE_PROSE[kind])]
        c.add(cls, ".html", html_doc(t, [edge[0], *paras, edge[1]]), f"HTML, {kind} prose first and last",
              valid_rows=1, must_contain=edge)
    for kind in kinds:
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        rows_, must = [], []
        for i in range(2):
            t, paras = article(rng, 3)
            e = _fill(rng, EDGE_PROSE[kind])
            must.append(e)
            rows_.append(row(rng, ident, i, t, [e, *paras] if i == 0 else [*paras, e]))
        c.add(cls, ".jsonl", jl(rows_), f"JSONL, {kind} prose first / last", valid_rows=2, must_contain=must)
    for kind in ("copyright", "©"):
        t, paras = article(rng, 3)
        e = _fill(rng, EDGE_PROSE[kind])
        c.add(cls, ".txt", txt(t, [paras[0], e, paras[1], paras[2]]), f"control: {kind} prose in the middle",
              valid_rows=1, must_contain=[e])


def gen_csv(c: Corpus) -> None:
    cls, rng = "csv", c.rng("csv")
    formulas = ['=HYPERLINK("http://example.invalid/x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
                "=1+2", '=IMPORTXML("http://example.invalid","//a")', "\t=1+1", "=cmd|'/c notepad'!'A1'"]
    for i, f in enumerate(formulas + formulas[::-1]):
        t, paras = article(rng, 3)
        t2, paras2 = article(rng, 3)
        t3, paras3 = article(rng, 3)
        rows_ = [["title", "text", "outlet"], [t, "\n\n".join(paras), "Example Daily"],
                 [f, "\n\n".join(paras2), f], [t3, f + " " + "\n\n".join(paras3), "Example Daily"]]
        c.add(cls, ".csv" if i % 2 == 0 else ".tsv", io_csv(rows_, "," if i % 2 == 0 else "\t"),
              f"formula {f!r} in title/outlet and at the start of a text", valid_rows=3,
              must_contain=[first_sentence(paras2[0]), first_sentence(paras3[0])])
    for i in range(4):
        t, paras = article(rng, 3)
        rows_ = [["title", "text"], [f"=HYPERLINK(\"http://e.invalid/{i}\")", f"=SUM(A{i})"], [t, "\n\n".join(paras)]]
        c.add(cls, ".csv", io_csv(rows_), "a row that is only formulas, then a good row", valid_rows=1, maybe_rows=1)
    sents: list[str] = []
    while sum(len(s) + 1 for s in sents) < 400_000:
        sents.append(sentence(rng))
    big = " ".join(sents)
    t, paras = article(rng, 3)
    c.add(cls, ".csv", io_csv([["title", "text"], ["Big", big[:400_000]], [t, "\n\n".join(paras)]]),
          "a 400,000-char cell (under the article limit)", valid_rows=2, must_contain=[sents[0]])
    c.add(cls, ".csv", io_csv([["title", "text"], ["Bigger", (big + " " + big + " " + big)[:1_200_000]],
                               [t + " 2", "\n\n".join(paras[::-1])]]),
          "a 1.2 MB cell (over the article limit), then a good row", valid_rows=1, maybe_rows=0, bad=True)
    huge = ("word " * (22 * 1024 * 1024 // 5 + 10))
    t, paras = article(rng, 3)
    t2, paras2 = article(rng, 3)
    c.add(cls, ".csv", io_csv([["title", "text"], [t, "\n\n".join(paras)], ["Huge", huge], [t2, "\n\n".join(paras2)]]),
          "a 22 MiB cell (over the CSV field limit) between good rows", valid_rows=2, bad=True,
          must_contain=[first_sentence(paras2[0])])
    for i in range(3):
        t, paras = article(rng, 3)
        t2, paras2 = article(rng, 3)
        t3, paras3 = article(rng, 3)
        doc = (io_csv([["title", "text"], [t, "\n\n".join(paras)]]) + f'{t2},"unbalanced {paras2[0]}\n'
               + io_csv([[t3, "\n\n".join(paras3)]]))
        c.add(cls, ".csv", doc, "an unbalanced quote in row 2 (the rest of the file is one cell)", valid_rows=1,
              maybe_rows=2, bad=True)
    for i in range(3):
        t, paras = article(rng, 3)
        t2, paras2 = article(rng, 3)
        pad = paragraph(rng, 3) * 40  # past the 8 KiB binary sniff
        doc = io_csv([["title", "text"], [t, "\n\n".join(paras) + " " + pad], ["Nul", "before\x00after"],
                      [t2, "\n\n".join(paras2)]])
        c.add(cls, ".csv", doc, "a NUL in a cell after 8 KiB", valid_rows=2, bad=True, maybe_rows=1,
              must_contain=[first_sentence(paras2[0])])
    for i in range(3):
        t, paras = article(rng, 3)
        cells = [["title", "text"] + [f"col{k}" for k in range(5000)], [t, "\n\n".join(paras)] + ["=1+1"] * 5000]
        c.add(cls, ".csv", io_csv(cells), "5,002 columns, formula in each extra cell", valid_rows=1)
    t, paras = article(rng, 3)
    c.add(cls, ".csv", io_csv([["title", "text"], [t, "\n\n".join(paras)]]), "control: a plain CSV", valid_rows=1)
    t, paras = article(rng, 3)
    c.add(cls, ".csv", io_csv([["headline", "body", "body"], [t, "", "\n\n".join(paras)]]),
          "duplicate column names, the first one empty", valid_rows=0, maybe_rows=1, bad=True)
    t, paras = article(rng, 3)
    c.add(cls, ".csv", "title;text\n" + f"{t};\"" + "\n\n".join(paras).replace('"', '""') + "\"\n",
          "semicolon-delimited .csv", valid_rows=1)


def gen_valid(c: Corpus) -> None:
    cls, rng = "valid", c.rng("valid")
    for _ in range(26):
        t, paras = article(rng)
        c.add(cls, ".txt", txt(t, paras), "valid .txt", valid_rows=1,
              must_contain=[first_sentence(paras[0]), last_sentence(paras[-1])])
    for _ in range(8):
        t, paras = article(rng)
        c.add(cls, ".html", html_doc(t, paras), "valid HTML", valid_rows=1, must_contain=[first_sentence(paras[1])])
    for _ in range(2):
        ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
        c.add(cls, ".jsonl", jl([row(rng, ident, i) for i in range(3)]), "valid JSONL, 3 rows", valid_rows=3)
    ident = f"{CODES[cls]}-f{c._n[cls]:03d}"
    c.add(cls, ".json", json.dumps([row(rng, ident, i) for i in range(2)]), "valid JSON array of 2", valid_rows=2)
    rows_ = [["title", "text"]] + [[t, "\n\n".join(p)] for t, p in (article(rng, 3) for _ in range(3))]
    c.add(cls, ".csv", io_csv(rows_), "valid CSV, 3 rows", valid_rows=3)
    items = [(html.escape(t), html.escape("\n".join(f"<p>{x}</p>" for x in p))) for t, p in
             (article(rng, 3) for _ in range(2))]
    c.add(cls, ".rss", rss(items), "valid RSS, 2 items", valid_rows=2)
    recs = [warc_record(f"https://example.org/valid/{i}", html_doc(*article(rng, 4)), 900 + i) for i in range(2)]
    c.add(cls, ".warc.gz", b"".join(gzip.compress(r, mtime=0) for r in recs), "valid .warc.gz, 2 records",
          valid_rows=2)


def gen_specials(c: Corpus) -> list[Item]:
    """FIFO, /dev/zero symlink, symlink loop, dangling symlink: each in a folder with one good article."""
    rng = c.rng(SPECIAL)
    out: list[Item] = []
    base = c.root / SPECIAL
    kinds = [("fifo", "FIFO named f.txt"), ("zero", "symlink zero.txt -> /dev/zero"),
             ("loop", "symlink loop loop-a.txt <-> loop-b.txt"), ("dangling", "dangling symlink dangling.txt")]
    dirs = []
    for kind, what in kinds:
        ident = c.next_ident(SPECIAL)
        d = base / f"{ident}-{kind}"
        d.mkdir(parents=True)
        t, paras = article(rng)
        (d / "ok.txt").write_text(txt(t, paras))
        if kind == "fifo":
            os.mkfifo(d / "f.txt")
            target = d / "f.txt"
        elif kind == "zero":
            os.symlink("/dev/zero", d / "zero.txt")
            target = d / "zero.txt"
        elif kind == "loop":
            os.symlink("loop-b.txt", d / "loop-a.txt")
            os.symlink("loop-a.txt", d / "loop-b.txt")
            target = d / "loop-a.txt"
        else:
            os.symlink("nonexistent.txt", d / "dangling.txt")
            target = d / "dangling.txt"
        out.append(Item(SPECIAL, ident, os.fsencode(d), f"folder: {what} + one good .txt", valid_rows=1, bad=True,
                        must_contain=[first_sentence(paras[0])]))
        dirs.append((target, what, ident))
    for target, what, dir_ident in dirs:
        out.append(Item(SPECIAL, c.next_ident(SPECIAL), os.fsencode(target), f"direct: {what}", bad=True,
                        tokens=[dir_ident]))
    c.items.extend(out)
    return out


GENERATORS: dict[str, Callable[[Corpus], None]] = {
    "deep_json": gen_deep_json, "bigint_jsonl": gen_bigint, "surrogate_jsonl": gen_surrogates,
    "bad_filename": gen_bad_filenames, "raw_ff": gen_raw_ff, "empty": gen_empty, "binary": gen_binary,
    "truncated_archive": gen_truncated, "malformed_xml": gen_xml, "html_nobody": gen_html_nobody,
    "huge_paragraph": gen_huge, "chinese": gen_chinese, "cr_only": gen_cr, "prose_edge": gen_prose_edge,
    "csv": gen_csv, "valid": gen_valid,
}


# ============================================================================ running commands
@dataclass
class Run:
    what: str
    args: list[str]
    rc: int | None = None
    timed_out: bool = False
    secs: float = 0.0
    maxrss_mb: float = 0.0
    stdout: bytes = b""
    stderr: str = ""

    @property
    def memcap(self) -> bool:
        return any(s in self.stderr for s in MEMORY_SIGNS) or (self.rc is not None and self.rc < 0 and not
                                                              self.timed_out and -self.rc in (signal.SIGKILL,
                                                                                              signal.SIGABRT))

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    @property
    def internal(self) -> bool:
        return self.rc == 3 or "internal error:" in self.stderr

    @property
    def failed(self) -> bool:
        """The run failed as a whole: its per-item output cannot be trusted to be complete."""
        return (self.timed_out or self.memcap or self.traceback or self.internal or self.rc is None
                or self.rc not in (0, 1, 2))

    def brief(self) -> dict[str, Any]:
        tail = [ln for ln in self.stderr.splitlines() if ln.strip()][-3:]
        return {"what": self.what, "args": [shorten(a) for a in self.args[1:]], "rc": self.rc,
                "timed_out": self.timed_out, "secs": round(self.secs, 2), "maxrss_mb": round(self.maxrss_mb, 1),
                "memcap": self.memcap, "traceback": self.traceback, "internal": self.internal,
                "stderr_tail": [t[:300] for t in tail]}


class Runner:
    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.mem = int(args.mem_gb * 1024 ** 3)
        self.root = root
        self.exe = self._exe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
        env.update({"COLUMNS": "10000", "NO_COLOR": "1", "TERM": "dumb", "OMP_NUM_THREADS": "1",
                    "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONFAULTHANDLER": "1"})
        env.pop("PROPSCOPE_DB", None)
        self.env = env
        self.runs: list[Run] = []
        self._lock = threading.Lock()

    @staticmethod
    def _exe() -> str:
        cand = Path(sys.executable).parent / "propscope"
        if cand.exists():
            return str(cand)
        found = shutil.which("propscope")
        if not found:
            sys.exit("error: no propscope script next to this Python nor on PATH")
        return found

    def popen(self, args: list[Any], out: Any, err: Any) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-c", LIMIT_SHIM, str(self.mem), self.exe, *args],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=self.root, env=self.env,
                                start_new_session=True)

    def run(self, what: str, args: list[Any], timeout: float, keep: bool = True) -> Run:
        r = Run(what, ["propscope", *[a if isinstance(a, str) else os.fsdecode(a) for a in args]])
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.monotonic()
            p = self.popen(args, out, err)
            status, usage = wait_for(p, timeout)
            r.secs = time.monotonic() - start
            if status is None:
                r.timed_out = True
                kill_group(p.pid)
                _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            kill_group(p.pid)  # stragglers of the session (pool workers)
            r.rc = p.returncode
            r.maxrss_mb = usage.ru_maxrss / 1024
            out.seek(0)
            err.seek(0)
            r.stdout = out.read()
            r.stderr = err.read().decode("utf-8", "backslashreplace")
        if keep:
            with self._lock:
                self.runs.append(r)
        return r


def wait_for(p: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, Any]:
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            return status, usage
        if time.monotonic() >= deadline:
            return None, None
        time.sleep(delay)
        delay = min(0.05, delay * 1.5)


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def shorten(s: str) -> str:
    s = s.encode("utf-8", "backslashreplace").decode()
    return s if len(s) < 200 else s[:90] + "…" + s[-90:]


# ============================================================================ analyze
@dataclass
class Outcome:
    item: Item
    flags: set[str]
    articles: int
    errors: int
    run: Run
    mode: str  # group | file | isolated

    @property
    def outcome(self) -> str:
        return next((o for o in OUTCOMES if o in self.flags), "ok")


def parse_output(r: Run) -> tuple[list[tuple[dict[str, Any], bool]], int]:
    """The JSON lines of ``r``'s stdout as (analysis, had raw bytes); and the count of lines that are not JSON."""
    out, bad = [], 0
    for line in r.stdout.splitlines():
        if not line.strip():
            continue
        raw = False
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            raw = True
            text = line.decode("utf-8", "surrogateescape")
        try:
            out.append((json.loads(text), raw))
        except ValueError:
            bad += 1
    return out, bad


def owner(source: str, table: dict[str, Item]) -> Item | None:
    for tok in reversed(TOKEN.findall(source)):
        if tok in table:
            return table[tok]
    return None


def norm(s: str) -> str:
    return " ".join(s.split())


def classify(items: list[Item], r: Run, mode: str, marker: str) -> list[Outcome]:
    table = {tok: it for it in items for tok in it.tokens}
    arts: dict[str, list[str]] = defaultdict(list)
    raw_for: set[str] = set()
    analyses, bad_lines = parse_output(r)
    for analysis, raw in analyses:
        art = analysis.get("article", {}) if isinstance(analysis, dict) else {}
        it = owner(str(art.get("source") or ""), table)
        if it is None:
            continue
        arts[it.ident].append(norm(" ".join(str(art.get(k) or "") for k in ("title", "text", "outlet"))))
        if raw:
            raw_for.add(it.ident)
    errs: Counter[str] = Counter()
    for line in r.stderr.splitlines():
        if line.startswith("error: "):
            it = owner(line, table)
            if it is not None:
                errs[it.ident] += 1
    run_level = len(items) == 1 or mode != "group"
    leak = marker in r.stdout.decode("utf-8", "replace")
    results = []
    for it in items:
        flags: set[str] = set()
        if run_level:
            if r.timed_out:
                flags.add("hang")
            if r.memcap:
                flags.add("memcap")
            if r.traceback:
                flags.add("traceback")
            if r.internal:
                flags.add("internal_error")
            if r.rc is not None and r.rc < 0 and not r.timed_out and not r.memcap:
                flags.add("signal")
            if bad_lines and not analyses:
                flags.add("raw_bytes")
        n_art, n_err = len(arts[it.ident]), errs[it.ident]
        if it.ident in raw_for:
            flags.add("raw_bytes")
        if leak and any(marker in a for a in arts[it.ident]):
            flags.add("xxe_leak")
        if n_art < it.valid_rows:
            flags.add("rows_lost")
        if n_art > it.valid_rows + it.maybe_rows:
            flags.add("extra_rows")
        joined = "\n".join(arts[it.ident])
        if any(norm(s) not in joined for s in it.must_contain):
            flags.add("prose_lost")
        if n_art + n_err == 0:
            flags.add("silent")
        elif it.bad and n_err == 0 and n_art < it.valid_rows + it.maybe_rows:
            flags.add("bad_unreported")
        results.append(Outcome(it, flags, n_art, n_err, r, mode))
    return results


def analyze_phase(corpus: Corpus, runner: Runner, args: argparse.Namespace, classes: list[str],
                  specials: list[Item]) -> list[Outcome]:
    a_opt = ["-a", args.analyzers] if args.analyzers else []
    base = ["analyze", "-f", "jsonl", "--no-progress", *a_opt]
    by_class: dict[str, list[Item]] = defaultdict(list)
    for it in corpus.items:
        if it.cls in classes:
            by_class[it.cls].append(it)
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def per_file(it: Item, mode: str, timeout: float) -> None:
        r = runner.run(f"analyze {mode} {it.ident}", [*base, it.path], timeout)
        res = classify([it], r, mode, corpus.marker)
        with lock:
            outcomes.extend(res)

    def group(cls: str) -> list[Item]:
        """Run a class folder; return the items to run again one by one."""
        items = by_class[cls]
        if cls in ISOLATED:
            return items
        r = runner.run(f"analyze class {cls}", [*base, str(corpus.dir(cls))], args.group_timeout)
        if r.failed:
            print(f"  {cls}: the class run failed ({describe(r)}); running its {len(items)} files one by one",
                  flush=True)
            return items
        with lock:
            outcomes.extend(classify(items, r, "group", corpus.marker))
        return []

    with ThreadPoolExecutor(args.jobs) as pool:
        again = [it for items in pool.map(group, [c for c in classes if c in by_class]) for it in items]
        jobs = [(it, "isolated" if it.cls in ISOLATED else "file",
                 args.file_timeout * (2 if it.cls in ISOLATED else 1)) for it in again]
        jobs += [(it, "special", args.special_timeout) for it in specials]
        list(pool.map(lambda j: per_file(*j), jobs))
    return outcomes


def describe(r: Run) -> str:
    if r.timed_out:
        return f"timeout after {r.secs:.0f}s"
    if r.memcap:
        return f"memory cap, rc {r.rc}"
    tail = next((ln for ln in reversed(r.stderr.splitlines()) if ln.strip()), "")
    return f"rc {r.rc}: {tail[:140]}"


# ============================================================================ ingest
def db_facts(db: Path) -> dict[str, Any]:
    if not db.exists():
        return {"exists": False}
    con = sqlite3.connect(str(db), timeout=30)  # read-write: a killed run's journal is rolled back, as a rerun would
    con.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        arts = con.execute("SELECT source, coalesce(title,'') || ' ' || text, content_hash, pk FROM articles").fetchall()
        seen = con.execute("SELECT source, article_pk FROM sightings").fetchall()
        errs = con.execute("SELECT source, code FROM ingest_errors").fetchall()
        runs = con.execute("SELECT status, counts_json FROM ingest_runs").fetchall()
        analysed = con.execute("SELECT count(DISTINCT article_pk) FROM analyses").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return {"exists": True, "error": str(exc)}
    finally:
        con.close()
    return {"exists": True, "articles": arts, "sightings": seen, "errors": errs, "runs": runs, "analysed": analysed}


def ingest_summary(items: list[Item], r: Run, db: Path) -> dict[str, Any]:
    facts = db_facts(db)
    table = {tok: it for it in items for tok in it.tokens}
    recorded: Counter[str] = Counter()
    text_of = {pk: norm(text) for _s, text, _h, pk in facts.get("articles", [])}
    linked: dict[str, set[int]] = defaultdict(set)  # item -> articles stored from it (first seen or seen again)
    for source, _t, _h, pk in facts.get("articles", []):
        if it := owner(source or "", table):
            linked[it.ident].add(pk)
    for source, pk in facts.get("sightings", []):
        if it := owner(source or "", table):
            linked[it.ident].add(pk)
    stored = Counter({k: len(v) for k, v in linked.items()})
    texts = {k: [text_of.get(pk, "") for pk in v] for k, v in linked.items()}
    for source, _code in facts.get("errors", []):
        it = owner(source or "", table)
        if it:
            recorded[it.ident] += 1
    statuses = Counter(s for s, _ in facts.get("runs", []))
    bad = [it for it in items if it.bad]
    unrecorded = [it for it in bad if recorded[it.ident] == 0 and stored[it.ident] < it.valid_rows + it.maybe_rows]
    rows_lost = [it for it in items if stored[it.ident] < it.valid_rows]
    prose_lost = [it for it in items if it.must_contain and stored[it.ident] >= 1
                  and any(norm(s) not in "\n".join(texts.get(it.ident, [])) for s in it.must_contain)]
    accounted = sum(1 for it in items if stored[it.ident] + recorded[it.ident] > 0)
    aborted = r.failed or statuses.get("finished", 0) == 0
    return {
        "rc": r.rc, "secs": round(r.secs, 1), "timed_out": r.timed_out, "memcap": r.memcap, "internal": r.internal,
        "traceback": r.traceback, "run_status": dict(statuses), "aborted": aborted,
        "files": len(items), "files_accounted": accounted,
        "stored": len(facts.get("articles", [])), "expected_min": sum(it.valid_rows for it in items),
        "expected_max": sum(it.valid_rows + it.maybe_rows for it in items),
        "ingest_errors": len(facts.get("errors", [])), "bad_files": len(bad),
        "bad_files_unrecorded": len(unrecorded), "files_rows_lost": len(rows_lost), "files_prose_lost": len(prose_lost),
        "unrecorded_examples": [f"{it.ident} {it.desc}" for it in unrecorded[:5]],
        "rows_lost_examples": [f"{it.ident} {it.desc}" for it in rows_lost[:5]],
        "stderr_tail": describe(r) if r.failed else "",
    }


def ingest_phase(corpus: Corpus, runner: Runner, args: argparse.Namespace, classes: list[str],
                 specials: list[Item]) -> dict[str, Any]:
    dbdir = corpus.root / "db"
    dbdir.mkdir(exist_ok=True)
    a_opt = ["-a", args.analyzers] if args.analyzers else []
    out: dict[str, Any] = {}

    def one(name: str, target: Path, items: list[Item], timeout: float) -> tuple[str, dict[str, Any]]:
        db = dbdir / f"{name}.db"
        r = runner.run(f"ingest {name}", ["ingest", str(target), "--db", f"sqlite:///{db}", "--workers", "1",
                                          "--no-progress", *a_opt], timeout)
        return name, ingest_summary(items, r, db)

    jobs = [("_whole_corpus", corpus.root / "corpus", [it for it in corpus.items if it.cls in classes],
             args.group_timeout * 2)]
    jobs += [(cls, corpus.dir(cls), [it for it in corpus.items if it.cls == cls], args.group_timeout) for cls in classes]
    jobs += [(f"{SPECIAL}/{Path(os.fsdecode(it.path)).name}", Path(os.fsdecode(it.path)), [it], args.special_timeout)
             for it in specials if os.path.isdir(it.path)]
    with ThreadPoolExecutor(args.jobs) as pool:
        for name, summary in pool.map(lambda j: one(*j), jobs):
            out[name] = summary
    return out


# ============================================================================ kill test
def proc_table() -> dict[int, tuple[int, str, str, str]]:
    """pid -> (ppid, state, starttime, cmdline) for every process we can see."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                stat = fh.read().decode("utf-8", "replace")
            with open(f"/proc/{d}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2:].split()
        out[int(d)] = (int(rest[1]), rest[0], rest[19], cmd)
    return out


def descendants(pid: int, table: dict[int, tuple[int, str, str, str]]) -> set[int]:
    kids: dict[int, list[int]] = defaultdict(list)
    for p, (pp, *_rest) in table.items():
        kids[pp].append(p)
    out, todo = set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            if k not in out:
                out.add(k)
                todo.append(k)
    return out


def become_subreaper() -> bool:
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap(pids: Iterable[int]) -> None:
    for p in pids:
        try:
            os.waitpid(p, os.WNOHANG)
        except ChildProcessError:
            pass


def kind_of(cmd: str) -> str:
    if "resource_tracker" in cmd:
        return "resource_tracker"
    if "spawn_main" in cmd or "multiprocessing-fork" in cmd:
        return "worker"
    if "propscope" in cmd:
        return "propscope"
    return "other"


def kill_corpus(root: Path, seed: int) -> tuple[Path, int, str]:
    if DEV_ARTICLES.is_dir():
        files = [p for p in DEV_ARTICLES.iterdir() if p.suffix == ".txt"]
        if len(files) >= 10:
            return DEV_ARTICLES, len(files), "PTC dev-articles (read in place)"
    d = root / "kill-corpus"
    d.mkdir()
    rng = random.Random(f"{seed}-kill")
    for i in range(75):
        t, paras = article(rng, rng.randrange(6, 12))
        (d / f"article{i:03d}.txt").write_text(txt(t, paras))
    return d, 75, "75 generated articles"


def sigkill(pids: Iterable[int]) -> None:
    for q in pids:
        try:
            os.kill(q, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill_once(runner: Runner, cmd: list[str], db: Path, mode: str, at: float, args: argparse.Namespace,
              rng: random.Random) -> dict[str, Any]:
    """Start an ingest, SIGKILL its parent (``random``: at ``at`` seconds; ``work``: a random moment in
    the 1.5 s after its first pool worker appears, ``at`` at the latest); count what is left of it."""
    me = os.getpid()
    before = len(db_facts(db).get("articles", [])) if db.exists() else 0
    p = runner.popen(cmd, subprocess.DEVNULL, subprocess.DEVNULL)
    start = time.monotonic()
    status = None
    if mode == "work":
        deadline, fire, delay = start + at, None, rng.uniform(0, 1.5)
        while status is None and time.monotonic() < (fire or deadline):
            if fire is None:
                procs = proc_table()
                if any(kind_of(procs[q][3]) == "worker" for q in descendants(p.pid, procs)):
                    fire = time.monotonic() + delay
            pid, st, _ = os.wait4(p.pid, os.WNOHANG)
            status = st if pid else None
            time.sleep(0.05)
    else:
        status, _ = wait_for(p, at)
    snap: set[int] = set()
    table: dict[int, tuple[int, str, str, str]] = {}
    killed = status is None
    if killed:
        table = proc_table()
        snap = descendants(p.pid, table)
        os.kill(p.pid, signal.SIGKILL)
        _, status, _ = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    lived = time.monotonic() - start
    time.sleep(args.grace)
    now = proc_table()
    left = {q for q in snap if q in now and now[q][1] != "Z" and now[q][2] == table[q][2]}
    left |= {q for q, (pp, st, _s, c) in now.items() if pp == me and st != "Z" and q != p.pid and kind_of(c) != "other"}
    left |= {q for q, (_pp, st, _s, c) in now.items() if str(db) in c and st != "Z" and q != p.pid}
    kinds = Counter(kind_of(now[q][3]) for q in left)
    persisting = set(left)
    until = time.monotonic() + args.linger
    while persisting and time.monotonic() < until:  # do they go away on their own?
        time.sleep(0.2)
        reap(persisting)
        later = proc_table()
        persisting = {q for q in persisting if q in later and later[q][1] != "Z" and later[q][2] == now[q][2]}
    sigkill(left)
    kill_group(p.pid)
    time.sleep(0.1)
    reap(left | snap)
    return {"mode": mode, "at_s": round(at, 2), "lived_s": round(lived, 2), "killed": killed, "rc": p.returncode,
            "workers_at_kill": sum(1 for q in snap if kind_of(table[q][3]) == "worker"),
            "leftovers": len(left), "leftover_kinds": dict(kinds), "still_alive_after_linger": len(persisting),
            "articles_before": before, "articles_after": len(db_facts(db).get("articles", []))}


def kill_phase(runner: Runner, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    """Cycles of ``--kills-per-db`` kills on a fresh store (so that every cycle has work to cut short), each
    kill followed by a rerun, each cycle ended by a run to the end; kills alternate between a random
    moment and a moment while pool workers analyse."""
    corpus, n_files, origin = kill_corpus(root, args.seed)
    dbdir = root / "db"
    dbdir.mkdir(exist_ok=True)
    a_opt = ["-a", args.analyzers] if args.analyzers else []
    subreaper = become_subreaper()
    me = os.getpid()

    def cmd(db: Path) -> list[str]:
        return ["ingest", str(corpus), "--db", f"sqlite:///{db}", "--workers", str(args.kill_workers),
                "--no-progress", *a_opt]

    cal_db = dbdir / "kill-calibration.db"
    cal = runner.run("kill: calibration run", cmd(cal_db), 180)
    t_full = max(1.0, cal.secs)
    expected = sorted({Path(s or "").name for s, _t, _h, _pk in db_facts(cal_db).get("articles", [])})
    print(f"  calibration: a full run takes {t_full:.1f}s (rc {cal.rc}) and stores {len(expected)} articles",
          flush=True)
    rng = random.Random(f"{args.seed}-kills")
    kills: list[dict[str, Any]] = []
    cycles: list[dict[str, Any]] = []
    per_db = max(1, args.kills_per_db)
    for cycle in range((args.kills + per_db - 1) // per_db):
        db = dbdir / f"kill-{cycle}.db"
        for k in range(min(per_db, args.kills - cycle * per_db)):
            mode = "work" if k % 2 else "random"
            at = rng.uniform(0.2, 0.95 * t_full) if mode == "random" else 1.5 * t_full
            rec = kill_once(runner, cmd(db), db, mode, at, args, rng)
            rec["cycle"] = cycle
            kills.append(rec)
            n = len(kills)
            when = f"killed at {rec['lived_s']:4.1f}s" if rec["killed"] else "finished first"
            alive = rec["still_alive_after_linger"]
            later = f" ({alive} still alive {args.grace + args.linger:g}s after the kill)" if rec["leftovers"] else ""
            print(f"  kill {n:2d} (db {cycle}, {mode:6s}): {when} with {rec['workers_at_kill']} workers; "
                  f"leftovers {rec['leftovers']} {rec['leftover_kinds'] or ''}{later}; "
                  f"articles {rec['articles_before']} -> {rec['articles_after']}", flush=True)
        final = runner.run(f"kill: final run, db {cycle}", cmd(db), 180)
        facts = db_facts(db)
        arts = facts.get("articles", [])
        per_source = Counter(Path(s or "").name for s, _t, _h, _pk in arts)
        missing = [n for n in expected if per_source[n] == 0]
        dupes = {n: c for n, c in per_source.items() if c > 1}
        statuses = Counter(s for s, _ in facts.get("runs", []))
        try:
            con = sqlite3.connect(str(db))
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.close()
        except sqlite3.DatabaseError as exc:
            integrity = str(exc)
        cycles.append({"db": cycle, "final_rc": final.rc, "final_secs": round(final.secs, 1),
                       "final_tail": describe(final) if final.rc else "", "runs_by_status": dict(statuses),
                       "articles_stored": len(arts), "distinct_hashes": len({h for _s, _t, h, _pk in arts}),
                       "articles_analysed": facts.get("analysed"), "missing": len(missing),
                       "missing_examples": missing[:5], "stored_more_than_once": len(dupes),
                       "unexpected": len(set(per_source) - set(expected)), "integrity_check": integrity,
                       "every_article_once": not missing and not dupes and len(arts) == len(expected)})
        c = cycles[-1]
        print(f"  db {cycle}: final run rc {c['final_rc']}; {c['articles_stored']} stored of {len(expected)}, "
              f"missing {c['missing']}, more than once {c['stored_more_than_once']}, analysed "
              f"{c['articles_analysed']}; runs {c['runs_by_status']}; integrity {c['integrity_check']}", flush=True)
    # a last sweep: nothing of ours may be left running
    now = proc_table()
    stray = {q for q, (pp, st, _s, c) in now.items()
             if st != "Z" and ((pp == me and kind_of(c) != "other") or str(dbdir) in c)}
    sigkill(stray)
    reap(stray)
    landed = [k for k in kills if k["killed"]]
    return {
        "corpus": origin, "files": n_files, "expected_articles": len(expected), "workers": args.kill_workers,
        "kills_asked": args.kills, "kills_per_db": per_db, "kills_landed": len(landed),
        "kills_landed_with_workers": sum(1 for k in landed if k["workers_at_kill"]),
        "calibration_s": round(t_full, 2), "subreaper": subreaper, "grace_s": args.grace, "linger_s": args.linger,
        "leftover_processes_total": sum(k["leftovers"] for k in kills),
        "leftovers_still_alive_after_linger": sum(k["still_alive_after_linger"] for k in kills),
        "kills_with_leftovers": sum(1 for k in kills if k["leftovers"]),
        "leftover_kinds": dict(sum((Counter(k["leftover_kinds"]) for k in kills), Counter())),
        "runs_left_running": sum(c["runs_by_status"].get("running", 0) for c in cycles),
        "final_rcs": [c["final_rc"] for c in cycles],
        "every_article_once": all(c["every_article_once"] for c in cycles),
        "missing_total": sum(c["missing"] for c in cycles),
        "stored_more_than_once_total": sum(c["stored_more_than_once"] for c in cycles),
        "integrity_ok": all(c["integrity_check"] == "ok" for c in cycles),
        "stray_at_end_killed": len(stray), "cycles": cycles, "kills": kills,
    }


# ============================================================================ HTTP
def http_phase(runner: Runner, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    import http.client

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    a_opt = ["-a", args.analyzers] if args.analyzers else []
    errf = (root / "serve.err").open("wb")
    p = runner.popen(["serve", "--db", "memory://", "--host", HOST, "--port", str(port), *a_opt],
                     subprocess.DEVNULL, errf)
    out: dict[str, Any] = {"port": port}

    def request(method: str, path: str, body: bytes | None = None, timeout: float = 120) -> tuple[int, float, bytes]:
        t0 = time.monotonic()
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, time.monotonic() - t0, data
        except (OSError, http.client.HTTPException) as exc:
            return -1, time.monotonic() - t0, str(exc).encode()
        finally:
            conn.close()

    def rss() -> dict[str, float]:
        vals = {}
        try:
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    vals[line.split(":")[0]] = round(int(line.split()[1]) / 1024, 1)
        except OSError:
            pass
        return vals

    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if p.poll() is not None:
                break
            if 0 < request("GET", "/", timeout=5)[0] < 500:
                break
            time.sleep(0.3)
        if p.poll() is not None:
            errf.flush()
            out["error"] = f"the server exited with {p.returncode}: " + \
                           (root / "serve.err").read_bytes().decode("utf-8", "replace")[-500:]
            return out
        base = [request("GET", "/", timeout=30)[1] for _ in range(3)]
        out["get_root_idle_ms"] = round(1000 * sorted(base)[1], 1)
        out["rss_before_mb"] = rss()
        n = 4_800_000 // len("<b>x</b>")
        body = json.dumps({"text": "<b>x</b>" * n, "format": "html"}).encode()
        out["post_body_bytes"] = len(body)
        stop = threading.Event()
        lat: list[float] = []
        fails: list[int] = []

        def poll() -> None:
            while not stop.is_set():
                st, dt, _ = request("GET", "/", timeout=60)
                (lat if 0 < st < 500 else fails).append(dt if 0 < st < 500 else st)
                stop.wait(0.25)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        results: list[Any] = [None, None]

        def post(i: int) -> None:
            st, dt, data = request("POST", "/api/v1/analyze", body, timeout=args.http_timeout)
            code = ""
            try:
                code = json.loads(data).get("error", {}).get("code", "")
            except (ValueError, AttributeError):
                code = data[:120].decode("utf-8", "replace") if st != 200 else ""
            results[i] = {"status": st, "secs": round(dt, 2), "error_code": code}

        posts = [threading.Thread(target=post, args=(i,)) for i in range(2)]
        for t in posts:
            t.start()
        for t in posts:
            t.join()
        stop.set()
        poller.join(70)
        out["posts"] = results
        out["rss_after_mb"] = rss()
        out["get_root_during"] = {
            "n": len(lat), "failed": len(fails), "max_ms": round(1000 * max(lat), 1) if lat else None,
            "p50_ms": round(1000 * sorted(lat)[len(lat) // 2], 1) if lat else None}
        out["server_alive_after"] = p.poll() is None
        out["get_root_after_ms"] = round(1000 * request("GET", "/", timeout=30)[1], 1)
    finally:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                pass
        kill_group(p.pid)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            pass
        errf.close()
        out["server_rc"] = p.returncode
        err_text = (root / "serve.err").read_bytes().decode("utf-8", "replace")
        out["server_memcap"] = any(s in err_text for s in MEMORY_SIGNS)
        out["server_traceback"] = "Traceback (most recent call last)" in err_text
    return out


# ============================================================================ report
def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    fmt = lambda r: "  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths,  # noqa: E731
                                                                                                         strict=False)))
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def summarize(outcomes: list[Outcome], classes: list[str]) -> tuple[dict[str, Any], str]:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    flags: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        per[o.item.cls][o.outcome] += 1
        for f in o.flags:
            flags[o.item.cls][f] += 1
    cols = [c for c in OUTCOMES if any(per[k][c] for k in per)] or ["ok"]
    rows = []
    for cls in [*classes, SPECIAL]:
        if cls not in per:
            continue
        rows.append([cls, sum(per[cls].values()), *[per[cls][c] or "." for c in cols]])
    total = Counter()
    for c in per.values():
        total.update(c)
    rows.append(["TOTAL", sum(total.values()), *[total[c] or "." for c in cols]])
    text = table(rows, ["class", "files", *[SHORT.get(c, c) for c in cols]])
    return ({"per_class": {k: dict(v) for k, v in per.items()}, "flags_per_class": {k: dict(v) for k, v in flags.items()},
             "total": dict(total)}, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--analyzers", default=None, help="analyzers for every run (default: techniques_baseline if "
                                                      "registered, else the pipeline's default)")
    ap.add_argument("--classes", default="", help=f"comma-separated subset of: {', '.join(CLASSES)}")
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs in the kill test (default 20)")
    ap.add_argument("--kill-workers", type=int, default=2)
    ap.add_argument("--kills-per-db", type=int, default=5, help="kills on one store before it is run to the end "
                                                               "and checked (then a fresh store)")
    ap.add_argument("--grace", type=float, default=1.0, help="seconds after a kill before leftovers are counted")
    ap.add_argument("--linger", type=float, default=1.5, help="then how long to wait for them to exit on their own "
                                                              "(they are killed after)")
    ap.add_argument("--jobs", type=int, default=2, help="commands run at once (default 2)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--group-timeout", type=float, default=120)
    ap.add_argument("--file-timeout", type=float, default=30)
    ap.add_argument("--special-timeout", type=float, default=12)
    ap.add_argument("--http-timeout", type=float, default=120)
    ap.add_argument("--mem-gb", type=float, default=4.0, help="RLIMIT_AS of every child (default 4 GB; 0: none)")
    ap.add_argument("--skip-analyze", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-kill", action="store_true")
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--keep", default=None, help="build the corpus in this (new) folder and keep it")
    ap.add_argument("--out", default=str(HERE / "results" / "audit_hostile.json"))
    args = ap.parse_args(argv)
    classes = [c.strip() for c in args.classes.split(",") if c.strip()] or list(CLASSES)
    unknown = set(classes) - set(CLASSES)
    if unknown:
        ap.error(f"unknown class(es): {', '.join(sorted(unknown))}")
    started = time.monotonic()
    if args.keep:
        root = Path(args.keep).resolve()
        root.mkdir(parents=True, exist_ok=False)
    else:
        root = Path(tempfile.mkdtemp(prefix="propscope-audit-"))
    runner = Runner(args, root)
    if args.analyzers is None:
        r = runner.run("analyzers", ["analyzers", "--json"], 60, keep=False)
        try:
            names = [x["name"] for x in json.loads(r.stdout)]
        except ValueError:
            names = []
        args.analyzers = "techniques_baseline" if "techniques_baseline" in names else ""
    result: dict[str, Any] = {
        "benchmark": "audit_hostile", "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        "python": platform.python_version(), "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
        "analyzers": args.analyzers or "(default)", "mem_cap_gb": args.mem_gb, "seed": args.seed,
        "timeouts_s": {"group": args.group_timeout, "file": args.file_timeout, "special": args.special_timeout},
    }
    try:
        t0 = time.monotonic()
        corpus = Corpus(root, args.seed)
        for cls in classes:
            GENERATORS[cls](corpus)
        specials = gen_specials(corpus)
        n_corpus = sum(1 for it in corpus.items if it.cls != SPECIAL)
        result["corpus"] = {"files": n_corpus, "specials": len(specials),
                            "per_class": dict(Counter(it.cls for it in corpus.items)),
                            "valid_rows": sum(it.valid_rows for it in corpus.items if it.cls != SPECIAL),
                            "secs": round(time.monotonic() - t0, 1)}
        print(f"corpus: {n_corpus} files in {len(classes)} classes + {len(specials)} specials in {root} "
              f"({result['corpus']['secs']}s); analyzers: {args.analyzers or '(default)'}", flush=True)

        t0 = time.monotonic()
        print("== analyze", flush=True)
        outcomes = [] if args.skip_analyze else analyze_phase(corpus, runner, args, classes, specials)
        order = {it.ident: i for i, it in enumerate(corpus.items)}
        outcomes.sort(key=lambda o: order[o.item.ident])
        summary, text = summarize(outcomes, classes)
        result["analyze"] = {**summary, "secs": round(time.monotonic() - t0, 1), "files": [
            {"id": o.item.ident, "class": o.item.cls, "desc": o.item.desc, "name": shorten(o.item.name(root)),
             "outcome": o.outcome, "flags": sorted(o.flags), "articles": o.articles, "errors": o.errors,
             "valid_rows": o.item.valid_rows, "maybe_rows": o.item.maybe_rows, "mode": o.mode,
             "rc": o.run.rc, "secs": round(o.run.secs, 2), "maxrss_mb": round(o.run.maxrss_mb, 1),
             **({"why": describe(o.run)} if o.run.failed else {})} for o in outcomes]}
        print(text, flush=True)
        print(f"analyze: {len(runner.runs)} runs in {result['analyze']['secs']}s", flush=True)
        bad_files = [o for o in outcomes if o.outcome != "ok"]
        if bad_files:
            print("examples (first of each class and outcome):")
            seen: set[tuple[str, str]] = set()
            for o in bad_files:
                if (o.item.cls, o.outcome) in seen:
                    continue
                seen.add((o.item.cls, o.outcome))
                why = f" [{describe(o.run)}]" if o.run.failed and o.mode != "group" else ""
                print(f"  {o.item.ident} {o.item.cls:17s} {o.outcome:14s} {o.item.desc}{why}"[:230])

        if not args.skip_ingest:
            t0 = time.monotonic()
            print("== ingest", flush=True)
            ing = ingest_phase(corpus, runner, args, classes, specials)
            result["ingest"] = {"secs": round(time.monotonic() - t0, 1), "runs": ing}
            rows = []
            for name, s in ing.items():
                status = "TIMEOUT" if s["timed_out"] else "MEMCAP" if s["memcap"] else \
                    ",".join(f"{k}:{v}" for k, v in s["run_status"].items()) or "-"
                rows.append([name, s["rc"], status, "yes" if s["aborted"] else "no",
                             f"{s['files_accounted']}/{s['files']}",
                             f"{s['stored']} [{s['expected_min']}..{s['expected_max']}]",
                             s["ingest_errors"], f"{s['bad_files_unrecorded']}/{s['bad_files']}",
                             s["files_rows_lost"], s["files_prose_lost"]])
            print(table(rows, ["ingest of", "rc", "run status", "aborted", "files seen", "stored [expected]",
                               "errors", "bad unrecorded", "rows lost", "prose lost"]))
            aborted = [n for n, s in ing.items() if s["aborted"]]
            print(f"ingest: {len(ing)} runs in {result['ingest']['secs']}s; aborted: {', '.join(aborted) or 'none'}")
            for n in aborted:
                print(f"  {n}: {ing[n]['stderr_tail'] or 'no finished run recorded'}"[:230])

        if not args.skip_kill and args.kills > 0:
            t0 = time.monotonic()
            print(f"== kill test ({args.kills} SIGKILLs, --workers {args.kill_workers})", flush=True)
            k = kill_phase(runner, args, root)
            k["secs"] = round(time.monotonic() - t0, 1)
            result["kill"] = k
            print(f"kill test: {k['kills_landed']}/{k['kills_asked']} kills landed "
                  f"({k['kills_landed_with_workers']} while pool workers ran); leftover processes "
                  f"{k['leftover_processes_total']} {k['leftover_kinds'] or ''} after {k['kills_with_leftovers']} kills "
                  f"({k['leftovers_still_alive_after_linger']} still alive {args.grace + args.linger:g}s after the "
                  f"kill); runs left 'running' {k['runs_left_running']}; final runs rc {k['final_rcs']}; every "
                  f"article stored exactly once: {k['every_article_once']} (missing {k['missing_total']}, more than "
                  f"once {k['stored_more_than_once_total']}); integrity ok: {k['integrity_ok']} ({k['secs']}s)")

        if not args.skip_http:
            t0 = time.monotonic()
            print("== HTTP", flush=True)
            h = http_phase(runner, args, root)
            h["secs"] = round(time.monotonic() - t0, 1)
            result["http"] = h
            print(f"HTTP: {json.dumps({k: v for k, v in h.items() if k != 'port'})}")
    finally:
        result["total_secs"] = round(time.monotonic() - started, 1)
        result["runs"] = [r.brief() for r in runner.runs]
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=True) + "\n")
    print(f"total {result['total_secs']}s; wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
