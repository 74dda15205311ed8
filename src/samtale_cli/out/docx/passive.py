"""A user's Word template made passive before any document is built on it.

Everything in a template reaches every document made with it, so a template may give
only what a document's look needs: styles, numbering, page setup, theme and fonts, and
the header and footer (text, pictures inside the file, PAGE and NUMPAGES fields). The
package is rebuilt from those parts alone (:func:`clean_template`); the rest is dropped,
and the kinds dropped are named (:data:`MESSAGES`) so the user learns of it:

* external relationships (links, linked pictures, a remote attached template, a mail
  merge source, a chunk of another file): Word would fetch them, and a ``\\\\host`` or
  ``smb://`` target sends the user's password hash;
* fields other than PAGE and NUMPAGES (INCLUDETEXT, INCLUDEPICTURE, DDE, DDEAUTO, ...),
  simple and complex; the settings that act on opening (``attachedTemplate``,
  ``linkStyles``, ``updateFields``, ``docVars``, ``mailMerge``, ``saveThroughXslt``);
* OLE objects, ActiveX controls, macros (VBA), embedded fonts;
* custom properties and custom XML (data that samtale's CPR check never sees) and data
  bindings;
* the parts a new document has no use for (comments, footnotes, the glossary, web
  settings with frames, the template's own properties and thumbnail).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R + "/"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
VO = "urn:schemas-microsoft-com:office:office"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
APP_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
           b'openxmlformats.org/officeDocument/2006/extended-properties"><Application>samtale</Application>'
           b'</Properties>')

# what a kept part may point to, by the part's relationship type; anything else is dropped
PART_TYPES = {RT + t for t in ("styles", "numbering", "theme", "fontTable", "settings", "header", "footer")}
PICTURES = {RT + "image"}
MAY_POINT_TO = {RT + "header": PICTURES, RT + "footer": PICTURES, RT + "numbering": PICTURES}
SAFE_FIELDS = {"PAGE", "NUMPAGES"}

# the kinds of things dropped, each one Danish line
MESSAGES = {
    "external": "henvisninger til eksterne filer og adresser (links, billeder og skabeloner udefra) er fjernet",
    "settings": "indstillinger, der henter eller opdaterer noget, når dokumentet åbnes (tilknyttet skabelon, "
                "opdatering af felter, dokumentvariabler, brevfletning), er fjernet",
    "fields": "felter, der henter eller kører noget (fx INCLUDETEXT, INCLUDEPICTURE, DDE), er fjernet; "
              "kun PAGE og NUMPAGES bliver",
    "macros": "makroer (VBA) er fjernet",
    "ole": "indlejrede objekter (OLE, ActiveX) er fjernet",
    "properties": "brugerdefinerede egenskaber og custom XML-data (som samtales CPR-tjek ikke ser) er fjernet",
}
_KIND_OF_TYPE = {
    "vbaProject": "macros", "vbaData": "macros", "keyMapCustomizations": "macros", "wordVbaData": "macros",
    "oleObject": "ole", "package": "ole", "control": "ole", "activeXControlBinary": "ole",
    "customXml": "properties", "custom-properties": "properties",
    "attachedTemplate": "settings", "mailMergeSource": "settings", "mailMergeHeaderSource": "settings",
    "transform": "settings", "aFChunk": "external", "subDocument": "external", "frame": "external",
}
# elements dropped wherever they are, with the kind they are reported as (None: silently)
_DROP = {
    f"{{{W}}}object": "ole", f"{{{W}}}control": "ole", f"{{{VO}}}OLEObject": "ole",
    f"{{{W}}}altChunk": "external", f"{{{W}}}subDoc": "external", f"{{{W}}}fldData": "fields",
    f"{{{W}}}dataBinding": "properties", f"{{{W}}}docVars": "settings",
    f"{{{W}}}attachedTemplate": "settings", f"{{{W}}}updateFields": "settings", f"{{{W}}}linkStyles": "settings",
    f"{{{W}}}mailMerge": "settings", f"{{{W}}}saveThroughXslt": "settings", f"{{{W}}}attachedSchema": "settings",
    f"{{{W}}}delInstrText": "fields", f"{{{A}}}hlinkClick": None, f"{{{A}}}hlinkHover": None,
    f"{{{W}}}embedRegular": None, f"{{{W}}}embedBold": None, f"{{{W}}}embedItalic": None,
    f"{{{W}}}embedBoldItalic": None, f"{{{W}}}embedTrueTypeFonts": None,
    f"{{{W}}}footnote": None, f"{{{W}}}endnote": None,  # the settings' references to dropped notes
}
_UNWRAP = {f"{{{W}}}hyperlink", f"{{{W}}}customXml"}
_PICTURE_HOLDERS = {f"{{{W}}}drawing", f"{{{W}}}pict"}
# VML attributes that name a file or an address outside the package
_VML_LINKS = {"href", "src", f"{{{VO}}}href", "alink", f"{{{VO}}}althref"}


@dataclass
class _Package:
    """The template being rebuilt: its zip, content types, and what is kept."""

    zip: zipfile.ZipFile
    overrides: dict[str, str]
    defaults: dict[str, str]
    out: dict[str, bytes] = field(default_factory=dict)
    dropped: dict[str, None] = field(default_factory=dict)  # kinds, in order

    def drop(self, kind: str | None) -> None:
        if kind:
            self.dropped.setdefault(kind, None)

    def content_type(self, name: str) -> str:
        return self.overrides.get(name.lower()) or self.defaults.get(posixpath.splitext(name)[1][1:].lower(), "")


def clean_template(raw: bytes) -> tuple[bytes, list[str]]:
    """The template ``raw`` as a passive package, and the Danish lines saying what was
    dropped (empty when nothing was). Raises on a package that is no readable DOCX."""
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        types = _xml(archive.read("[Content_Types].xml"))
        package = _Package(
            archive,
            {e.get("PartName", "").lstrip("/").lower(): e.get("ContentType", "") for e in types.iter(f"{{{CT}}}Override")},
            {e.get("Extension", "").lower(): e.get("ContentType", "") for e in types.iter(f"{{{CT}}}Default")},
        )
        main = _root_rels(package)
        _keep_part(package, main, RT + "officeDocument")
        _clear_body(package, main)
    package.out["docProps/app.xml"] = APP_XML
    package.out["[Content_Types].xml"] = _content_types(package, main)
    return _zip(package.out), [MESSAGES[kind] for kind in MESSAGES if kind in package.dropped]


def _root_rels(package: _Package) -> str:
    """Keep the main document and fresh app properties; report the rest. Returns the
    main part's name."""
    rels = _xml(package.zip.read("_rels/.rels"))
    main = None
    kept = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    for rel in rels.iter(f"{{{PR}}}Relationship"):
        kind = rel.get("Type", "")
        if kind == RT + "officeDocument" and main is None and rel.get("TargetMode") != "External":
            main = _target("", rel.get("Target", ""))
            kept.append(_rel(rel.get("Id", "rId1"), kind, "/" + main))
        elif rel.get("TargetMode") == "External":
            package.drop("external")
        else:
            package.drop(_KIND_OF_TYPE.get(kind.rsplit("/", 1)[-1]))
    if main is None:
        raise ValueError("no main document")
    kept.append(_rel("rIdSamtaleApp", RT + "extended-properties", "docProps/app.xml"))
    package.out["_rels/.rels"] = _bytes(kept)
    return main


def _keep_part(package: _Package, name: str, reltype: str) -> None:
    """Keep the part ``name`` (reached by ``reltype``), the parts it may point to, and
    only the references to those."""
    if name in package.out:
        return
    rels_name = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
    allowed = PART_TYPES if reltype == RT + "officeDocument" else MAY_POINT_TO.get(reltype, set())
    kept_ids: set[str] = set()
    kept = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    children: list[tuple[str, str]] = []
    if rels_name in package.zip.namelist():
        for rel in _xml(package.zip.read(rels_name)).iter(f"{{{PR}}}Relationship"):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                package.drop(_KIND_OF_TYPE.get(kind.rsplit("/", 1)[-1], "external"))
                continue
            part = _target(posixpath.dirname(name), target)
            if kind not in allowed:
                package.drop(_dropped_part(package, kind, part))
                continue
            if part not in package.zip.namelist() or not _ordinary_part(part):
                continue
            kept_ids.add(rel.get("Id", ""))
            kept.append(_rel(rel.get("Id", ""), kind, target))
            children.append((part, kind))
    package.out[name] = b""  # claimed: a loop of relationships ends here
    if kept_ids:
        package.out[rels_name] = _bytes(kept)
    data = package.zip.read(name)
    if name.endswith(".xml") or package.content_type(name).endswith("xml"):
        root = _xml(data)
        _clean_xml(package, root, kept_ids)
        data = _bytes(root)
    package.out[name] = data
    for part, kind in children:
        if kind in PICTURES:
            package.out.setdefault(part, package.zip.read(part))
        else:
            _keep_part(package, part, kind)


def _ordinary_part(name: str) -> bool:
    """Whether ``name`` may be a kept part: not the package's own bookkeeping."""
    return name != "[Content_Types].xml" and not name.endswith(".rels") and not name.startswith("docProps/")


def _dropped_part(package: _Package, kind: str, part: str) -> str | None:
    """The kind a dropped part is reported as; an empty custom XML part (python-docx and
    Word put one in most files) is dropped silently."""
    reported = _KIND_OF_TYPE.get(kind.rsplit("/", 1)[-1])
    if kind == RT + "webSettings" and part in package.zip.namelist():
        return "external" if b"frameset" in package.zip.read(part) else None  # frames load other files
    if kind == RT + "customXml" and part in package.zip.namelist():
        try:
            root = _xml(package.zip.read(part))
        except etree.XMLSyntaxError:
            return reported
        if len(root) == 0 and not (root.text or "").strip():
            return None
    return reported


def _clear_body(package: _Package, main: str) -> None:
    """The template's body goes (a document starts empty); its last section (page size,
    margins, header and footer) stays."""
    root = _xml(package.out[main])
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise ValueError("no body")
    for child in list(body)[:-1] if len(body) and body[-1].tag == f"{{{W}}}sectPr" else list(body):
        body.remove(child)
    package.out[main] = _bytes(root)


def _clean_xml(package: _Package, root: Any, kept_ids: set[str]) -> None:
    """Drop from one part's XML what is active, and every reference to a dropped part."""
    _clean_fields(package, root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None and element is not root:
            continue
        if element.tag in _DROP:
            package.drop(_DROP[element.tag])
            _remove(element)
        elif element.tag in _UNWRAP and _dangling(element, kept_ids):
            _unwrap(element)
        elif element.tag == f"{{{W}}}fldSimple" and not _safe_field(element.get(f"{{{W}}}instr", "")):
            package.drop("fields")
            _unwrap(element)
        elif element.tag.endswith("}webVideoPr"):
            package.drop("external")
            _remove(element)
        elif _dangling(element, kept_ids):
            _remove(_holder(element))
        else:
            _drop_vml_links(package, element)


def _clean_fields(package: _Package, root: Any) -> None:
    """Complex fields (``w:fldChar`` begin, ``w:instrText``, separate, end): an unsafe
    one loses its instruction and markers and leaves its last result as plain text."""
    stack: list[dict[str, Any]] = []
    unsafe: list[Any] = []
    for element in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
        if element.tag == f"{{{W}}}instrText":
            if stack and not stack[-1]["separated"]:
                stack[-1]["instr"].append(element.text or "")
                stack[-1]["parts"].append(element)
            else:
                unsafe.append(element)  # an instruction outside any field
            continue
        kind = element.get(f"{{{W}}}fldCharType")
        if kind == "begin":
            stack.append({"parts": [element], "instr": [], "separated": False})
        elif kind == "separate" and stack:
            stack[-1]["parts"].append(element)
            stack[-1]["separated"] = True
        elif kind == "end" and stack:
            done = stack.pop()
            done["parts"].append(element)
            if not _safe_field("".join(done["instr"])):
                unsafe.extend(done["parts"])
        else:
            unsafe.append(element)
    for done in stack:  # never ended
        unsafe.extend(done["parts"])
    for element in unsafe:
        package.drop("fields")
        _remove(element)


def _safe_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in SAFE_FIELDS


def _dangling(element: Any, kept_ids: set[str]) -> bool:
    """Whether ``element`` refers to a relationship that is not kept."""
    for name, value in element.attrib.items():
        if (name.startswith(f"{{{R}}}") or name == f"{{{VO}}}relid") and value not in kept_ids:
            return True
    return False


def _holder(element: Any) -> Any:
    """What goes with a dangling reference: the whole picture for a picture's link."""
    if etree.QName(element).localname in ("blip", "imagedata", "fill", "contentPart"):
        for ancestor in element.iterancestors():
            if ancestor.tag in _PICTURE_HOLDERS:
                return ancestor
    return element


def _drop_vml_links(package: _Package, element: Any) -> None:
    if not element.tag.startswith("{urn:schemas-microsoft-com:"):
        return
    for name in _VML_LINKS & set(element.attrib):
        package.drop("external")
        del element.attrib[name]


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unwrap(element: Any) -> None:
    """Put ``element``'s children where it was (a link's text stays, as plain text)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(c for c in list(element) if not c.tag.endswith(("}customXmlPr", "}fldData"))):
        parent.insert(index + offset, child)
    parent.remove(element)


def _content_types(package: _Package, main: str) -> bytes:
    types = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    etree.SubElement(types, f"{{{CT}}}Default", Extension="rels", ContentType=RELS_CT)
    etree.SubElement(types, f"{{{CT}}}Default", Extension="xml", ContentType="application/xml")
    pictures = sorted({posixpath.splitext(n)[1][1:].lower() for n in package.out
                       if package.content_type(n).startswith("image/")} - {"xml", "rels"})
    for extension in pictures:
        etree.SubElement(types, f"{{{CT}}}Default", Extension=extension, ContentType=package.defaults.get(
            extension) or f"image/{extension}")
    for name in sorted(package.out):
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        kind = MAIN_CT if name == main else APP_CT if name == "docProps/app.xml" else package.overrides.get(
            name.lower())
        if kind and not kind.startswith("image/"):
            etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name, ContentType=kind)
    return _bytes(types)


def _target(base: str, target: str) -> str:
    """A relationship's target as a part name (no leading slash)."""
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
    return posixpath.normpath(path).lstrip("/")


def _rel(ident: str, kind: str, target: str) -> Any:
    return etree.Element(f"{{{PR}}}Relationship", Id=ident, Type=kind, Target=target)


def _xml(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    return etree.fromstring(data, parser)


def _bytes(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", parts["[Content_Types].xml"])
        for name in sorted(parts):
            if name != "[Content_Types].xml":
                archive.writestr(name, parts[name])
    return out.getvalue()
