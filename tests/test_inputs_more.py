"""More inputs: UTF-16 text, a 0-page PDF, the same disclosure in another encoding, --doc by file-name prefix."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from budgetqa.core.errors import DocumentError, EmptyDocumentError, UserInputError
from budgetqa.extract.load_text import decode, utf16_encoding
from budgetqa.extract.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
BZ = ROOT / "samples" / "002_e49850479605d5c8.txt"
CJ = ROOT / "samples" / "000_fbfe44e17c8967fa.txt"


def _tables(d):
    return [(t.key, t.title, [(r.code, r.name, r.values) for r in t.rows]) for t in d.tables]


@pytest.mark.parametrize("enc, bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_utf16_text_parses_like_utf8(tmp_path, parsed, enc, bom):
    text = BZ.read_text("utf-8")
    data = text.encode(enc)
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff") if bom else data[:2] not in (b"\xff\xfe", b"\xfe\xff")
    f = tmp_path / BZ.name
    f.write_bytes(data)
    d = parse_file(f)
    assert d.tables and _tables(d) == _tables(parsed["bz2025"])
    assert d.meta.department == parsed["bz2025"].meta.department


def test_utf16_detection_leaves_utf8_and_gbk_alone():
    text = BZ.read_text("utf-8")
    assert utf16_encoding(text.encode("utf-8")) is None
    assert utf16_encoding(text.encode("gb18030")) is None
    assert decode(text.encode("gb18030"), BZ) == text
    assert decode("\ufeff".encode("utf-8") + text.encode("utf-8"), BZ) == text


def _zero_page_pdf() -> bytes:
    try:
        import pypdf
        import io
        buf = io.BytesIO()
        pypdf.PdfWriter().write(buf)
        return buf.getvalue()
    except ImportError:
        pass
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_zero_page_pdf_says_no_pages(tmp_path):
    from budgetqa.extract.loader import load
    f = tmp_path / "empty.pdf"
    f.write_bytes(_zero_page_pdf())
    with pytest.raises(EmptyDocumentError) as ei:
        load(f)
    assert isinstance(ei.value, DocumentError)
    assert "no pages" in str(ei.value) and "OCR" not in str(ei.value) and ei.value.file == "empty.pdf"


# ---------------------------------------------------------------- the same disclosure twice

def _gbk_copy(tmp_path) -> Path:
    f = tmp_path / "copy" / "巴州科技局2025预算_gbk.txt"
    f.parent.mkdir()
    f.write_bytes(BZ.read_text("utf-8").encode("gb18030"))
    return f


def test_reencoded_copy_is_a_duplicate(tmp_path):
    from budgetqa.retrieval.workspace import Workspace
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    first = ws.ingest([BZ])
    assert first[0].status == "indexed"
    gbk = _gbk_copy(tmp_path)
    r = ws.ingest([gbk])[0]
    assert r.status == "already indexed" and r.doc_id == first[0].doc_id
    assert "same disclosure as" in r.message and BZ.name in r.message and "新疆巴州科学技术局" in r.message
    assert len(ws.docs()) == 1
    r = ws.ingest([gbk], keep_duplicates=True)[0]
    assert r.status == "indexed"
    assert len(ws.docs()) == 2


def test_duplicates_within_one_run_and_cli_flag(tmp_path, capsys):
    from budgetqa.cli import main
    gbk = _gbk_copy(tmp_path)
    w = ["--workspace", str(tmp_path / "ws")]
    assert main(["ingest", str(BZ), str(gbk), "--json", *w]) == 0
    res = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in res] == ["indexed", "already indexed"]
    assert main(["ingest", str(gbk), "--keep-duplicates", "--json", *w]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "indexed"
    assert main(["docs", "--json", *w]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_different_documents_are_not_duplicates(tmp_path):
    from budgetqa.retrieval.workspace import Workspace
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    res = ws.ingest([BZ, CJ])
    assert [r.status for r in res] == ["indexed", "indexed"]


# ---------------------------------------------------------------- --doc by file-name prefix

def test_doc_by_file_name_prefix_via_cli(tmp_path, capsys):
    from budgetqa.cli import main
    w = ["--workspace", str(tmp_path / "ws")]
    assert main(["ingest", str(BZ), str(CJ), "--json", *w]) == 0
    capsys.readouterr()
    assert main(["search", "三公经费", "--doc", "002_e4", "--json", *w]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and {h["source"] for h in hits} == {BZ.name}
    assert main(["remove", "002_e4", *w]) == 0
    assert BZ.name in capsys.readouterr().out
    assert main(["docs", "--json", *w]) == 0
    assert [d["source"] for d in json.loads(capsys.readouterr().out)] == [CJ.name]


def test_resolve_order_and_ambiguity(tmp_path):
    from budgetqa.retrieval.workspace import Workspace
    d = tmp_path / "in"
    d.mkdir()
    a, b = d / "bz_a.txt", d / "bz_ab.txt"
    shutil.copy(BZ, a)
    shutil.copy(CJ, b)
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    ws.ingest([a, b])
    assert ws.resolve("bz_a.txt").source == "bz_a.txt"           # exact name beats the prefix of bz_ab.txt
    assert ws.resolve("bz_ab").source == "bz_ab.txt"
    rec = ws.resolve("bz_ab.txt")
    assert ws.resolve(rec.doc_id[:6]).doc_id == rec.doc_id
    with pytest.raises(UserInputError) as ei:
        ws.resolve("bz_")
    assert "bz_a.txt" in str(ei.value) and "bz_ab.txt" in str(ei.value)
    assert ei.value.hint == "give more of the document id or file name"
    with pytest.raises(UserInputError):
        ws.resolve("zzz")
