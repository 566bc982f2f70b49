"""The demo's documents: one-page PDFs of a few lines of text, made here (no PDF library)."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike


def document(*, title: str, lines: list[str], name: str):
    """The document titled ``title``, made the first time as the PDF file ``name``."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = ContentFile(_pdf(lines), name=name)
    created = document_model(title=title, file=content, file_size=content.size)
    created.file_hash = hash_filelike(content)
    created.save()
    return created


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text in Helvetica (Windows-1252 covers the Nordic
    letters)."""

    def literal(text: str) -> bytes:
        encoded = text.encode("cp1252")
        return (
            b"("
            + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            + b")"
        )

    text = (
        b"BT /F1 14 Tf 18 TL 72 770 Td "
        + b" ".join(literal(line) + b" Tj T*" for line in lines)
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)
