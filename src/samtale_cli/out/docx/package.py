"""The saved Word package made stable: the same input gives the same bytes.

The document properties carry the document's own date (never the clock,
:meth:`samtale_cli.out.docx.builder.Builder.save`), and the zip entries a fixed timestamp.
samtale marks its files (``creator`` and ``lastModifiedBy`` are "samtale", the application
in ``docProps/app.xml`` too), so a later run can tell its own earlier output from a file a
person saved in Word (:func:`samtale_cli.core.files.made_by_samtale`).
"""

from __future__ import annotations

import io
import re
import zipfile

from samtale_cli.out.docx.vocabulary import MARK

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def stable_zip(raw: bytes) -> bytes:
    """The same package with fixed entry times and samtale as the application."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = _app_properties(data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _app_properties(data: bytes) -> bytes:
    """docProps/app.xml naming samtale as the application, without the template's
    counts and company."""
    text = data.decode("utf-8", "replace")
    text = re.sub(r"<Application>.*?</Application>", f"<Application>{MARK}</Application>", text, flags=re.S)
    if "<Application>" not in text:
        text = text.replace("</Properties>", f"<Application>{MARK}</Application></Properties>")
    text = re.sub(r"<TotalTime>\d*</TotalTime>", "<TotalTime>0</TotalTime>", text)
    return text.encode("utf-8")
