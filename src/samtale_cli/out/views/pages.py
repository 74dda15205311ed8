"""The views of pages that no single document makes: a folder's index and the bundle
of many documents in one PDF (``samlet``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samtale_cli.out.views.base import View


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkView(View):
    """Et link til en side."""

    label: str  # linkets tekst, fx "HTML"
    href: str  # adressen (relativ)


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryView(View):
    """Et dokument i en mappes indeks."""

    title: str  # dokumentets titel
    date: str | None = None  # den dag, filen hører til (ÅÅÅÅ-MM-DD), hvis den har en
    date_text: str | None = None  # samme dag, fx "13. maj 2024"
    errors: bool = False  # filen har fejl og kan ikke laves
    links: list[LinkView] = field(default_factory=list)  # dokumentets formater


@dataclass(frozen=True, slots=True, kw_only=True)
class FolderView(View):
    """En undermappe i en mappes indeks."""

    name: str  # mappens navn
    label: str | None  # navnet, folk kender mappen under (fx afdelingens)
    href: str  # adressen på mappens indeks


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexView(View):
    """En mappes indeks (index.html)."""

    title: str  # sidens titel
    parent: bool  # mappen har en mappe over sig i sitet
    folders: list[FolderView]  # undermapperne
    entries: list[EntryView]  # dokumenterne


@dataclass(frozen=True, slots=True, kw_only=True)
class BundledDocument(View):
    """Et dokument i en samlet PDF."""

    title: str  # dokumentets titel
    id: str  # ankeret, indholdsfortegnelsen linker til
    landscape: bool  # på vandrette sider (arkene)
    body: Any  # dokumentets HTML (det, der står i dets <main>)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsEntry(View):
    """En linje i indholdsfortegnelsen: en af de samlede dokumenters overskrifter."""

    title: str  # overskriften, som den står i dokumentet (med dato eller år)
    id: str  # overskriftens anker
    page: int | None = None  # sidetallet, når det er kendt på forhånd (ellers finder PDF'en det)


@dataclass(frozen=True, slots=True, kw_only=True)
class BundleView(View):
    """Mange dokumenter i én PDF med indholdsfortegnelse."""

    title: str  # den samlede fils titel
    documents: list[BundledDocument]  # dokumenterne
    contents: list[ContentsEntry] = field(default_factory=list)  # indholdsfortegnelsen (tom: ingen)
    heading: bool = True  # indholdsfortegnelsens overskrift "Indhold" (nej: en side af den, der fortsætter)


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingLine(View):
    """Et fund på fejlsiden."""

    text: str  # fundet som én linje: fil:linje:kolonne: niveau [KODE]: besked
    error: bool  # fundet er en fejl (ikke en advarsel)


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorPageView(View):
    """En side, der siger, hvorfor noget ikke kan vises eller gemmes (samtale serve)."""

    title: str  # sidens titel
    message: str | None = None  # en kort besked, fx "Siden findes ikke."
    file: str | None = None  # filen, hvis fund vises
    findings: list[FindingLine] = field(default_factory=list)  # filens fund, fejl først
    back: str | None = None  # adressen tilbage til mødetilstanden, hvis der er en
