"""Bad input: every unreadable, empty, scanned, encrypted, oversized or off-topic file raises its own
typed error, and the message names the file."""
from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from render import render_pdf, render_xlsx, sample_blocks  # noqa: E402

from budgetqa.core.errors import (CorruptFileError, DocumentError, EmptyDocumentError, FileTooLargeError,  # noqa: E402
                             NotADisclosureError, ScannedPDFError, UnsupportedFormatError)
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.extract.parse import parse_file  # noqa: E402


def raises(exc: type[DocumentError], path: Path, **kw) -> DocumentError:
    with pytest.raises(exc) as info:
        load(path, **kw)
    err = info.value
    assert err.file == path.name
    assert path.name in str(err)
    return err


def _canvas(path: Path, **kw):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(str(path), **kw)


def test_scanned_pdf_with_only_an_image(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        img.putpixel((x, 50), (0, 0, 0))      # a "scanned" stroke: pixels, no text
    path = tmp_path / "扫描件.pdf"
    c = _canvas(path)
    c.drawImage(ImageReader(img), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    err = raises(ScannedPDFError, path)
    assert "no text layer" in str(err)
    assert "ocrmypdf" in str(err)
    assert "image" in str(err)


def test_blank_pdf(tmp_path):
    path = tmp_path / "blank.pdf"
    c = _canvas(path)
    c.showPage()
    c.showPage()
    c.save()
    err = raises(ScannedPDFError, path)
    assert "OCR" in str(err)


@pytest.mark.parametrize("kind", ["random", "pdf_header_then_junk", "truncated"])
def test_corrupt_pdf(tmp_path, kind):
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    if kind == "random":
        data = junk
    elif kind == "pdf_header_then_junk":
        data = b"%PDF-1.4\n" + junk
    else:
        whole = render_pdf(sample_blocks(), tmp_path / "whole.pdf").read_bytes()
        data = whole[: len(whole) // 2]
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data)
    err = raises(CorruptFileError, path)
    assert "cannot be read" in str(err)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "加密.pdf"
    c = _canvas(path, encrypt="secret")
    c.drawString(72, 720, "budget")
    c.showPage()
    c.save()
    err = raises(CorruptFileError, path)
    assert "encrypted" in err.message
    assert "decrypted copy" in (err.hint or "")


def test_empty_txt(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    raises(EmptyDocumentError, path)
    path.write_text("  \n\n  \n", encoding="utf-8")
    raises(EmptyDocumentError, path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "预算.docx"
    path.write_bytes(b"PK\x03\x04 whatever")
    err = raises(UnsupportedFormatError, path)
    assert ".docx" in str(err) and ".pdf" in str(err)


def test_over_size_file(tmp_path):
    path = render_pdf(sample_blocks(), tmp_path / "big.pdf")
    err = raises(FileTooLargeError, path, max_mb=0.0001)
    assert "limit" in str(err)


@pytest.mark.parametrize("kind", ["random", "zip_without_workbook", "ole_container"])
def test_corrupt_xlsx(tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    if kind == "random":
        path.write_bytes(bytes(random.Random(3).randrange(256) for _ in range(3000)))
    elif kind == "zip_without_workbook":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "not a workbook")
        path.write_bytes(buf.getvalue())
    else:  # what Excel writes for a password-protected workbook (and legacy .xls)
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    err = raises(CorruptFileError, path)
    if kind == "ole_container":
        assert "password-protected" in str(err)


def test_truncated_xlsx(tmp_path):
    whole = render_xlsx(sample_blocks(), tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    raises(CorruptFileError, path)


NEWS = ("新华社北京电 记者从国家气象局获悉，今年入夏以来全国平均气温较常年同期偏高，"
        "多地出现持续高温天气。气象专家提醒，公众应注意防暑降温，合理安排户外活动时间。\n"
        "据介绍，未来一周南方地区仍将有较强降雨过程，有关部门已做好防汛准备工作。\n")


def test_text_that_is_not_a_disclosure(tmp_path):
    path = tmp_path / "新闻.txt"
    path.write_text(NEWS, encoding="utf-8")
    with pytest.raises(NotADisclosureError) as info:
        parse_file(path)
    assert info.value.file == path.name and path.name in str(info.value)


def test_pdf_that_is_not_a_disclosure(tmp_path):
    path = render_pdf(NEWS.splitlines(), tmp_path / "news.pdf")
    assert load(path).lines                     # readable ...
    with pytest.raises(NotADisclosureError):    # ... but not a 预算/决算 disclosure
        parse_file(path)


def test_sample_disclosure_passes_the_same_checks(tmp_path):
    """The guard against off-topic files lets a real (rendered) disclosure through in every format."""
    for path in (render_pdf(sample_blocks(), tmp_path / "ok.pdf"), render_xlsx(sample_blocks(), tmp_path / "ok.xlsx")):
        d = parse_file(path)
        assert d.meta.department == "XX市教育局"
        assert d.table("expense") is not None
