"""The catalogue of finding codes: every code that the loader, the model or a rule can
report, with its level, a Danish title and a short explanation with a bad and a good
example.

This is the one place a code is defined. Rules report by entry (``A101.at(...)`` or
``ctx.report(A101, ...)``), never by a hand-typed string; ``samtale forklar``, the
README's table and ``docs/koder.md`` are made from :data:`CODES`. One code has one
meaning and one level.

The letter names the area:

====  ==========================================================================
Y     reading the file: size, encoding, YAML syntax, duplicate keys, tags, aliases
F     format: unknown or missing keys, wrong types, invalid dates and durations
A     agenda: sums of minutes, parts
P     people: responsible, referent, participants, roles
W     workspace: departments, the daycare's name
D     data: mandatory data sources, ``fil:`` paths
O     attention points: number of points, the meeting referred to
T     timeline: phases, milestones, recurring meetings, weekends and holidays
C     privacy: CPR numbers
S     slips: what people easily leave behind or mistype (placeholders, ...)
R     follow-up: agreements, the next meeting, a plan's sheet and its evaluations
====  ==========================================================================
"""

from __future__ import annotations

import re

from samtale_cli.core.diagnostics import Code, Level

E, W = Level.ERROR, Level.WARNING

# --- Y: reading the file --------------------------------------------------------------

Y001 = Code(
    "Y001", E, "Filen er for stor",
    "En samtale-fil må højst fylde 2 MB. En rigtig læringssamtale fylder nogle få KB; "
    "en større fil er næsten altid en fejl (en kopi af et helt dokument, eller data der "
    "hører hjemme i en fil under datagrundlag).",
    bad="En fil på 5 MB med indsat tekst fra et Word-dokument.",
    good="Læg bilag som filer og henvis til dem:\ndatagrundlag:\n  - titel: Tilsynsrapport\n    fil: data/tilsyn-2024.pdf",
)
Y002 = Code(
    "Y002", E, "Filen er ikke gemt som UTF-8",
    "Filerne skal gemmes som UTF-8, så æ, ø og å kommer rigtigt med. Gamle Windows-"
    "programmer gemmer nogle gange som Windows-1252. I VS Code: klik på tegnsættet "
    "nederst til højre og vælg 'Save with Encoding' -> 'UTF-8'.",
    bad="En fil gemt som Windows-1252 (ø er byten F8).",
    good="Den samme fil gemt som UTF-8.",
)
Y003 = Code(
    "Y003", E, "Filen er ikke en tekstfil",
    "Filen indeholder binære data eller kontroltegn, som ikke hører hjemme i en "
    "tekstfil (fx et Word-dokument eller et billede, der har fået endelsen .yaml).",
    bad="Et Word-dokument omdøbt til referat.yaml.",
    good="Skriv indholdet i YAML, eller læg dokumentet i data/ og henvis til det med fil:.",
)
Y004 = Code(
    "Y004", E, "Filen er tom",
    "Filen har ingen indhold (eller kun kommentarer). Lav en ny fil med 'samtale new'.",
    bad="# kun en kommentar",
    good="type: opmærksomhedspunkter\n...",
)
Y005 = Code(
    "Y005", E, "YAML-fejl",
    "Filen kan ikke læses som YAML: et kolon, et anførselstegn, en parentes eller "
    "indrykningen er forkert. Beskeden siger, hvad der mangler, og linjen peger på stedet.",
    bad="emne: Velkomst: kaffe og brød",
    good='emne: "Velkomst: kaffe og brød"',
)
Y006 = Code(
    "Y006", E, "En nøgle står to gange",
    "Den samme nøgle må kun stå én gang i en samling; YAML ville ellers stille og roligt "
    "bruge den sidste. Slå de to sammen, eller ret den ene.",
    bad="- emne: Velkomst\n  minutter: 5\n  minutter: 10",
    good="- emne: Velkomst\n  minutter: 5",
)
Y007 = Code(
    "Y007", E, "Tagget er ikke tilladt",
    "Samtale-filer bruger kun almindelige værdier. Tags som !!python/object kunne få et "
    "program til at køre kode og afvises altid; et tag, der ikke passer til værdien "
    "(!!int fem), afvises også.",
    bad="titel: !!python/object/apply:os.system ['ls']",
    good="titel: Læringssamtale 2024",
)
Y008 = Code(
    "Y008", E, "Filen har for mange værdier",
    "En fil må højst have 50.000 værdier (nøgler, lister og samlinger medregnet), også "
    "når ankre og aliasser (& og *) er foldet ud. En rigtig læringssamtale har et par "
    "hundrede; grænsen stopper filer, der er lavet for at lægge programmet ned.",
    bad="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    good="Skriv værdierne, eller brug et alias få gange.",
)
Y009 = Code(
    "Y009", E, "For dyb indlejring",
    "Strukturen må højst være 64 niveauer dyb. Rigtige filer har højst en håndfuld.",
    bad="a: [[[[[[ ... ]]]]]]   # 65 lister inden i hinanden",
    good="a: [x]",
)
Y010 = Code(
    "Y010", E, "Flere dokumenter i én fil",
    "En fil må kun have ét YAML-dokument. Tre streger (---) midt i filen starter et nyt; "
    "læg det i sin egen fil.",
    bad="type: indsats\n...\n---\ntype: indsats\n...",
    good="Én indsats pr. fil: afdelinger/<afdeling>/indsats-<titel>.yaml",
)
Y011 = Code(
    "Y011", E, "En nøgle er ikke en enkel tekst",
    "En nøgle (det før kolonnet) skal være en enkel tekst, ikke en liste eller en samling.",
    bad="[plenum, ledelse]: 180",
    good="tidsramme:\n  - del: plenum\n    minutter: 120",
)
Y012 = Code(
    "Y012", E, "Filen kan ikke læses",
    "Filen findes, men kan ikke læses: der mangler adgang, eller den er ikke en "
    "almindelig fil (en mappe, en FIFO, en enhed).",
    bad="x.yaml er et link til /dev/zero.",
    good="x.yaml er en almindelig tekstfil, du har adgang til.",
)
Y013 = Code(
    "Y013", E, "Alias uden anker",
    "Et alias (*navn) skal henvise til et anker (&navn), der står tidligere i filen.",
    bad="ansvarlig: *ledere",
    good="roller: &ledere [dagtilbudsleder]\n...\nansvarlig: *ledere",
)

Y014 = Code(
    "Y014", E, "Tallet er for stort",
    "Et helt tal med mere end 18 cifre giver ingen mening i en samtale-fil (minutter, "
    "antal, datoer er små tal). Er det en tekst, fx et kontonummer, så sæt den i "
    "anførselstegn.",
    bad="sted: 123456789012345678901234567890",
    good='sted: "123456789012345678901234567890"',
)
Y015 = Code(
    "Y015", E, "Kontroltegn i en tekst",
    "En tekst i dobbelte anførselstegn kan skrive usynlige kontroltegn med \\ (fx \\e, "
    "\\x07). De kan styre en terminal og ødelægge dokumenter, så de er ikke tilladt.",
    bad='titel: "Referat\\e[2J"',
    good="titel: Referat",
)

Y016 = Code(
    "Y016", E, "Filen er et link, der fører ud af arbejdsmappen",
    "En YAML-fil, der er et link (en genvej) til en fil uden for arbejdsmappen, læses "
    "ikke: den kan pege på hvad som helst på computeren, og den følger ikke med i git. "
    "Kopiér filen ind, eller flyt arbejdet ind i arbejdsmappen.",
    bad="laeringssamtaler/moede.yaml -> /home/kari/Skrivebord/moede.yaml",
    good="laeringssamtaler/moede.yaml er selve filen.",
)

# --- F: format ------------------------------------------------------------------------

F001 = Code(
    "F001", E, "Filen skal bestå af nøgler og værdier",
    "Øverst i filen skal der stå nøgler med værdier (nøgle: værdi), ikke en liste eller "
    "en enkelt tekst.",
    bad="- type: indsats",
    good="type: indsats",
)
F002 = Code(
    "F002", E, "Feltet 'type' mangler",
    "Hvert dokument siger, hvad det er: type: læringssamtale, opmærksomhedspunkter eller "
    "indsats. (samtale.yaml har ingen type.)",
    bad="titel: Små børnegrupper\nafdeling: Vuggestuen Kernehuset",
    good="type: indsats\ntitel: Små børnegrupper\nafdeling: Vuggestuen Kernehuset",
)
F003 = Code(
    "F003", E, "Ukendt dokumenttype",
    "Typen skal være læringssamtale, opmærksomhedspunkter eller indsats (ASCII-"
    "stavemåderne laeringssamtale og opmaerksomhedspunkter virker også).",
    bad="type: handleplan",
    good="type: indsats",
)
F010 = Code(
    "F010", E, "Ukendt nøgle",
    "Nøglen findes ikke i formatet på dette sted. Ofte er det en stavefejl; beskeden "
    "foreslår den nærmeste rigtige nøgle. Se docs/format.md for alle nøgler.",
    bad="dagsorden:\n  - emne: Velkomst\n    minuter: 5",
    good="dagsorden:\n  - emne: Velkomst\n    minutter: 5",
)
F011 = Code(
    "F011", E, "Et påkrævet felt mangler",
    "Feltet skal være der. Et dagsordenspunkt skal fx have emne og minutter, en fase "
    "navn og slut.",
    bad="dagsorden:\n  - emne: Velkomst",
    good="dagsorden:\n  - emne: Velkomst\n    minutter: 5",
)
F012 = Code(
    "F012", E, "Forkert slags værdi",
    "Værdien har ikke den form, feltet skal have: tekst, en liste (linjer med '- '), en "
    "samling (nøgle: værdi) eller true/false.",
    bad="deltagere: Karen Holm",
    good="deltagere:\n  - navn: Karen Holm\n    rolle: dagtilbudsleder",
)
F020 = Code(
    "F020", E, "Ugyldig dato, varighed, klokkeslæt eller interval",
    "Datoer skrives 2024-05-13 eller 13/5 2024 (dag før måned, året mellem 1900 og "
    "2200); varigheder 35, \"35 min\", \"ca. 35 min\" eller \"1 t 30 min\"; klokkeslæt "
    "\"13:00\"; intervaller \"4 uger\" eller \"hver 4. uge\".",
    bad="dato: 31/6 2024\nminutter: en halv time",
    good="dato: 30/6 2024\nminutter: 30",
)

# --- A: agenda ------------------------------------------------------------------------

A101 = Code(
    "A101", E, "Punkterne varer længere end delen",
    "Minutterne for dagsordenens punkter i en del af tidsrammen giver mere, end delen "
    "har. Mødet ville løbe over tid; kort et punkt ned, eller gør delen længere.",
    bad="tidsramme:\n  - del: plenum\n    minutter: 120\ndagsorden:   # punkterne i plenum giver 130 min",
    good="Punkterne i plenum giver tilsammen 120 min.",
)
A102 = Code(
    "A102", W, "Punkterne varer kortere end delen",
    "Minutterne for punkterne giver mindre, end delen har. Det er tilladt (der er luft), "
    "men ofte er et punkt glemt.",
    bad="Delen plenum har 120 min, punkterne giver 110 min.",
    good="Punkterne giver 120 min, evt. med et punkt 'Buffer'.",
)
A103 = Code(
    "A103", E, "Underpunkterne varer længere end punktet",
    "Underpunkternes minutter giver mere end punktets egne minutter.",
    bad="- emne: Data\n  minutter: 35\n  punkter:\n    - emne: Oplæg\n      minutter: 20\n    - emne: Grupper\n      minutter: 20",
    good="- emne: Data\n  minutter: 40\n  punkter: ...  # 20 + 20",
)
A104 = Code(
    "A104", W, "Underpunkterne varer kortere end punktet",
    "Underpunkternes minutter giver mindre end punktets minutter. Tilladt, men tjek, at "
    "intet underpunkt er glemt.",
    bad="Punktet har 35 min, underpunkterne 30 min.",
    good="Underpunkterne giver 35 min.",
)
A105 = Code(
    "A105", E, "Delen findes ikke i tidsramme",
    "Et punkts 'del' eller en deltagers 'dele' skal være en af delene i tidsramme.",
    bad="tidsramme:\n  - del: plenum\n...\n  - emne: Opsamling\n    del: ledelsen",
    good="    del: ledelse   # som i tidsramme",
)
A106 = Code(
    "A106", E, "En del står to gange i tidsramme",
    "Hver del i tidsramme skal have sit eget navn, så punkterne kan henvise til den.",
    bad="tidsramme:\n  - del: plenum\n    minutter: 60\n  - del: plenum\n    minutter: 60",
    good="tidsramme:\n  - del: plenum\n    minutter: 120",
)

# --- P: people ------------------------------------------------------------------------

P201 = Code(
    "P201", E, "Ansvarlig er ikke en deltager",
    "'ansvarlig' skal være en rolle, som en deltager har, eller en deltagers navn.",
    bad="ansvarlig: [sprogkonsulent]   # ingen deltager har den rolle",
    good="deltagere:\n  - navn: Mette Lund\n    rolle: sprogkonsulent",
)
P202 = Code(
    "P202", W, "Referenten er ikke deltager",
    "Referenten bør stå blandt deltagerne (med samme navn).",
    bad="referent: Jonas",
    good="referent: Jonas Gregersen   # som under deltagere",
)
P203 = Code(
    "P203", W, "En deltager står to gange",
    "Det samme navn står to gange under deltagere. Slet den ene, eller ret navnet.",
    bad="deltagere:\n  - navn: Karen Holm\n    rolle: dagtilbudsleder\n  - navn: Karen Holm\n    rolle: referent",
    good="Karen Holm står én gang.",
)
P205 = Code(
    "P205", W, "Ukendt rolle",
    "Rollen er ikke en af de indbyggede (dagtilbudsleder, børn og unge-chef, pædagogisk "
    "leder, fagligt fyrtårn, forældrerepræsentant, konsulent, ...). Er den rigtig, så "
    "tilføj den under 'roller' i samtale.yaml.",
    bad="rolle: tovholder",
    good="# samtale.yaml\nroller: [tovholder]",
)

# --- W: workspace ---------------------------------------------------------------------

W301 = Code(
    "W301", E, "Afdelingen står ikke i samtale.yaml",
    "En afdeling skal stå under 'afdelinger' i samtale.yaml, så den har en mappe og kan "
    "følges på tværs af filer. Stavningen må variere i store og små bogstaver og "
    "tegnsætning, men ikke i bogstaverne.",
    bad="afdeling: Børnehuset Deruda",
    good="afdeling: Børnehuset Derudá   # som i samtale.yaml",
)
W302 = Code(
    "W302", E, "Dagtilbuddet har intet navn",
    "En læringssamtale skal have 'dagtilbud', medmindre samtale.yaml nævner dagtilbuddet.",
    bad="type: læringssamtale\ntitel: ...   # og ingen samtale.yaml",
    good="dagtilbud: Dagtilbud Vest",
)
W304 = Code(
    "W304", E, "Afdelingen kan ikke blive til et mappenavn",
    "En afdelings navn skal have bogstaver eller tal, så den kan få en mappe under "
    "afdelinger/.",
    bad="afdelinger:\n  - '---'",
    good="afdelinger:\n  - Børnehuset Derudá",
)
W305 = Code(
    "W305", E, "To afdelinger får samme mappe",
    "To afdelinger i samtale.yaml giver det samme mappenavn (fx fordi de kun adskiller "
    "sig i store og små bogstaver eller accenter).",
    bad="afdelinger:\n  - Børnehuset Haven\n  - Børnehuset haven",
    good="afdelinger:\n  - Børnehuset Haven",
)

W306 = Code(
    "W306", E, "To filer har samme navn",
    "x.yaml og x.yml i samme mappe ville blive til de samme dokumenter (x.html), så den "
    "ene ville overskrive den anden. Omdøb eller slet den ene.",
    bad="laeringssamtaler/2024-05-13.yaml og laeringssamtaler/2024-05-13.yml",
    good="laeringssamtaler/2024-05-13.yaml",
)
W307 = Code(
    "W307", E, "Ukendt tema",
    "Et tema under 'temaer' skal være et af den styrkede pædagogiske læreplans seks temaer (alsidig "
    "personlig udvikling, social udvikling, kommunikation og sprog, krop, sanser og bevægelse, natur, "
    "udeliv og science, kultur, æstetik og fællesskab) eller et af fokusområderne i samtale.yaml eller "
    "kommunens kommune.yaml, så temaerne kan tælles på tværs af dagtilbud.",
    bad="temaer: [sprog]",
    good="temaer: [kommunikation og sprog]   # eller i samtale.yaml: fokusområder: [Sprog]",
)

# --- D: data --------------------------------------------------------------------------

D401 = Code(
    "D401", E, "Obligatorisk data mangler",
    "Hver læringssamtale skal have de obligatoriske data i datagrundlag: som standard "
    "'Opsamling på det samlede tilsyn i dagtilbuddet' og 'Data fra samarbejdet med PPR' "
    "(samtale.yaml kan ændre listen under obligatorisk_data).",
    bad="datagrundlag:\n  - titel: Opsamling på det samlede tilsyn i dagtilbuddet\n    obligatorisk: true",
    good="  - titel: Data fra samarbejdet med PPR\n    obligatorisk: true",
)
D402 = Code(
    "D402", W, "Obligatorisk data er ikke markeret",
    "Datakilden er obligatorisk, men mangler 'obligatorisk: true'.",
    bad="  - titel: Data fra samarbejdet med PPR",
    good="  - titel: Data fra samarbejdet med PPR\n    obligatorisk: true",
)
D403 = Code(
    "D403", E, "Filen under 'fil' findes ikke i arbejdsmappen",
    "Stien i 'fil:' skal pege på en fil, der findes i arbejdsmappen; den er relativ til "
    "mappen, YAML-filen ligger i. En fuld sti (/..., C:\\...) eller en sti, der fører ud af "
    "arbejdsmappen (../../...), virker ikke på andre maskiner og er også en fejl.",
    bad="fil: tilsyn-2024.pdf   # filen ligger i data/",
    good="fil: data/tilsyn-2024.pdf",
)

# --- O: attention points --------------------------------------------------------------

O501 = Code(
    "O501", E, "Ikke 3-5 opmærksomhedspunkter",
    "Hver afdeling skriver 3-5 opmærksomhedspunkter efter læringssamtalen.",
    bad="punkter:\n  - Sproglige fællesskaber",
    good="punkter:\n  - Sproglige fællesskaber\n  - Overgange i dagen\n  - Børnenes perspektiv",
)
O502 = Code(
    "O502", E, "Læringssamtalen findes ikke eller kan ikke bruges",
    "'læringssamtale:' skal være stien til en gyldig læringssamtale, relativ til arket.",
    bad="læringssamtale: 2024-05-13-laeringssamtale.yaml",
    good="læringssamtale: ../../laeringssamtaler/2024-05-13-laeringssamtale.yaml",
)
O503 = Code(
    "O503", W, "Afdelingen deltog ikke i læringssamtalen",
    "Ingen af læringssamtalens deltagere er fra arkets afdeling. Tjek afdelingen, eller "
    "tilføj afdelingens deltagere i læringssamtalen.",
    bad="afdeling: Vuggestuen Gårdhaven   # ingen deltager fra Gårdhaven",
    good="En deltager i læringssamtalen har afdeling: Vuggestuen Gårdhaven.",
)
O504 = Code(
    "O504", E, "To ark for samme afdeling og læringssamtale",
    "En afdeling har ét ark med opmærksomhedspunkter pr. læringssamtale. Ligger der to "
    "(fx en rettet kopi ved siden af den første), tæller punkterne dobbelt i oversigten og "
    "historikken. Flyt det, der skal gemmes, over i det ene ark, og slet det andet.",
    bad="opmaerksomhedspunkter-2025-05-12.yaml og opmaerksomhedspunkter-2025-05-12-rettet.yml i samme mappe",
    good="Ét ark: opmaerksomhedspunkter-2025-05-12.yaml",
)

# --- T: timeline ----------------------------------------------------------------------

T601 = Code(
    "T601", E, "Fasen slutter, før den starter",
    "En fases 'slut' skal ligge på eller efter dens 'start'.",
    bad="- navn: Fase 1\n  start: 1/9 2024\n  slut: 1/6 2024",
    good="- navn: Fase 1\n  start: 1/6 2024\n  slut: 1/9 2024",
)
T602 = Code(
    "T602", E, "Faserne overlapper eller står i forkert rækkefølge",
    "Faserne skal følge efter hinanden: en fase må tidligst starte den dag, den forrige "
    "slutter.",
    bad="- navn: Fase 1\n  slut: 15/6 2024\n- navn: Fase 2\n  start: 1/6 2024",
    good="- navn: Fase 2\n  start: 15/6 2024",
)
T603 = Code(
    "T603", W, "Hul mellem to faser",
    "En fase starter mere end én dag efter, at den forrige slutter. Måske er en dato "
    "skrevet forkert.",
    bad="- navn: Fase 1\n  slut: 15/6 2024\n- navn: Fase 2\n  start: 1/9 2024",
    good="- navn: Fase 2\n  start: 15/6 2024",
)
T604 = Code(
    "T604", W, "Milepæl eller første møde uden for fasen",
    "En milepæl og det første af et tilbagevendende møde skal ligge inden for deres fase.",
    bad="- navn: Fase 2\n  start: 15/6 2024\n  slut: 1/9 2024\n  milepæle:\n    - dato: 1/10 2024",
    good="    - dato: 23/8 2024",
)
T605 = Code(
    "T605", W, "Møde eller milepæl på en fridag",
    "Et møde eller en milepæl ligger i en weekend, på en dansk helligdag eller på en af "
    "dagtilbuddets lukkedage (samtale.yaml). Et tilbagevendende møde kan i stedet have "
    "'ved_fridag: spring over' eller 'ved_fridag: næste hverdag'; så advares der ikke.",
    bad="milepæle:\n  - dato: 24/8 2024   # en lørdag",
    good="milepæle:\n  - dato: 23/8 2024",
)
T606 = Code(
    "T606", E, "Fasen mangler 'start'",
    "Kun den første fase må udelade 'start'; de andre skal sige, hvornår de begynder.",
    bad="- navn: Fase 2\n  slut: 1/9 2024",
    good="- navn: Fase 2\n  start: 15/6 2024\n  slut: 1/9 2024",
)
T607 = Code(
    "T607", E, "Mødet har ingen første dato",
    "Et tilbagevendende møde skal have 'første', når fasen ikke har en start.",
    bad="- navn: Fase 1\n  slut: 1/9 2024\n  møder:\n    - titel: Stuemøde\n      hver: 4 uger",
    good="      første: 10/6 2024",
)

T608 = Code(
    "T608", E, "For mange møder i indsatsen",
    "De tilbagevendende møder må tilsammen højst falde 2.000 gange i en indsats (et "
    "ugentligt møde i ti år er 520). Flere er næsten altid en tastefejl, fx en fase til år "
    "2200 eller 'hver: 1 dag'; indsatsen laves ikke til dokumenter eller kalender, før det "
    "er rettet.",
    bad="slut: 31/12 2200\nmøder:\n  - titel: Stuemøde\n    hver: 1 dag",
    good="slut: 31/12 2025\nmøder:\n  - titel: Stuemøde\n    hver: 4 uger",
)

# --- C: privacy -----------------------------------------------------------------------

C701 = Code(
    "C701", E, "Noget ligner et CPR-nummer",
    "CPR-numre må ikke stå i filerne (heller ikke i kommentarer): filerne ender i git og "
    "i delte dokumenter. Fundet er ti cifre, der begynder med en gyldig dato (DDMMÅÅ), "
    "med eller uden bindestreg. Skriv barnets initialer eller intet.",
    bad="# Barnet 010203-1234 har brug for støtte",
    good="# Et barn på stuen har brug for støtte",
)

# --- S: slips -------------------------------------------------------------------------

S801 = Code(
    "S801", W, "En pladsholder er ikke udfyldt",
    "'samtale new' skriver pladsholdere, der slutter med (udfyldes), fx 'Navn på "
    "dagtilbudsleder (udfyldes)', der hvor der skal stå noget rigtigt. Filen kan tjekkes og "
    "laves til dokumenter, men så står pladsholderen i dem; skriv teksten over den.",
    bad="  - navn: Navn på dagtilbudsleder (udfyldes)\n    rolle: dagtilbudsleder",
    good="  - navn: Karen Holm\n    rolle: dagtilbudsleder",
)

S802 = Code(
    "S802", W, "Læringssamtalen ligger på en fridag",
    "Datoen er en lørdag, en søndag, en helligdag eller en af dagtilbuddets lukkedage "
    "(samtale.yaml). Måske er datoen skrevet forkert (dag og måned byttet om?).",
    bad="dato: 2025-10-04   # en lørdag",
    good="dato: 2025-10-02",
)
S803 = Code(
    "S803", W, "Filnavnets dato passer ikke med 'dato'",
    "En læringssamtales fil hedder ÅÅÅÅ-MM-DD-titel.yaml; datoen i navnet og 'dato' i filen "
    "skal være den samme dag. Ofte er dag og måned byttet om (10/2 for 2/10).",
    bad="# laeringssamtaler/2025-10-02-efteraar.yaml\ndato: 10/2 2025",
    good="dato: 2/10 2025",
)
S804 = Code(
    "S804", W, "Filen ligger i en anden afdelings mappe",
    "Opmærksomhedspunkter og indsatser ligger i deres afdelings mappe (afdelinger/<afdeling>/). "
    "Her nævner filen en anden afdeling end den, hvis mappe den ligger i: kopieret fra en "
    "anden afdeling og ikke rettet?",
    bad="# afdelinger/boernehuset-haven/opmaerksomhedspunkter-2025-10-02.yaml\nafdeling: Børnehuset Derudá",
    good="afdeling: Børnehuset Haven",
)
S805 = Code(
    "S805", E, "Teksten er skåret af ved '#'",
    "I YAML starter ' #' en kommentar, så 'emne: Gruppearbejde #2 om data' bliver til "
    "'Gruppearbejde', og resten forsvinder uden et ord. Det er en fejl, så en commit ikke "
    "kan gemme en tekst, hvor noget er væk. Sæt teksten i anførselstegn.",
    bad="emne: Gruppearbejde #2 om data",
    good='emne: "Gruppearbejde #2 om data"',
)

S806 = Code(
    "S806", E, "Et listepunkt er blevet en del af teksten over",
    "Et punkt, der er rykket for langt ind (eller skrevet med et tal som i Word), læser YAML "
    "som fortsættelsen af teksten i linjen over: to punkter bliver til ét, uden at nogen "
    "siger det. Skriv punktet med '- ' foran, rykket ind præcis som punktet over.",
    bad="punkter:\n  - Sprog i garderoben\n    1. Overgange i dagen",
    good="punkter:\n  - Sprog i garderoben\n  - Overgange i dagen",
)

# --- R: follow-up ---------------------------------------------------------------------

R901 = Code(
    "R901", E, "Aftalens frist ligger før mødet",
    "En aftale bliver indgået på mødet, så dens frist er mødets dato eller senere. En "
    "frist før mødet er som regel en tastefejl i året (2024 for 2025). En aftale, der er "
    "overskredet i dag, er ikke en fejl: det viser 'samtale oversigt'.",
    bad="dato: 12/5 2025\naftaler:\n  - hvad: Arkene deles med konsulenterne\n    ansvarlig: pædagogisk leder\n"
        "    frist: 13/6 2024",
    good="    frist: 13/6 2025",
)
R902 = Code(
    "R902", E, "Ansvarlig for en aftale er ikke en deltager",
    "'ansvarlig' ved en aftale er en deltagers rolle, en deltagers navn (eller et fornavn, "
    "kun én deltager har) eller 'alle', ligesom ved dagsordenens punkter. En deltager, der "
    "meldte afbud, kan godt være ansvarlig.",
    bad="aftaler:\n  - hvad: Arkene deles med konsulenterne\n    ansvarlig: pædagogisk lederr",
    good="    ansvarlig: pædagogisk leder",
)
R903 = Code(
    "R903", E, "'udført' ved en aftale, der ikke er udført",
    "'udført: DATO' siger, hvornår en aftale blev udført; så skal dens status være "
    "'udført'. Ret status, eller fjern datoen.",
    bad="    status: i gang\n    udført: 10/6 2025",
    good="    status: udført\n    udført: 10/6 2025",
)
R904 = Code(
    "R904", E, "Næste møde ligger ikke efter mødet",
    "'næste_møde' er datoen for den næste læringssamtale, så den ligger efter 'dato'. "
    "Ofte er året ikke skrevet om.",
    bad="dato: 12/5 2025\nnæste_møde: 11/5 2025",
    good="næste_møde: 11/5 2026",
)
R905 = Code(
    "R905", E, "Arket, indsatsen følger op på, findes ikke",
    "'opmærksomhedspunkter: fil:' er stien til afdelingens ark med opmærksomhedspunkter, "
    "relativ til indsatsen. Ligger de i samme mappe, er det bare filnavnet.",
    bad="opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024.yaml",
    good="opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024-05-13.yaml",
)
R906 = Code(
    "R906", E, "Filen er ikke et ark med opmærksomhedspunkter",
    "Filen under 'opmærksomhedspunkter: fil:' skal være en gyldig fil med "
    "'type: opmærksomhedspunkter', ikke fx en anden indsats eller en læringssamtale.",
    bad="opmærksomhedspunkter:\n  fil: indsats-smaa-boernegrupper.yaml",
    good="opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024-05-13.yaml",
)
R907 = Code(
    "R907", E, "Arket er en anden afdelings",
    "En indsats følger op på sin egen afdelings opmærksomhedspunkter. Arket, der henvises "
    "til, har en anden 'afdeling' end indsatsen.",
    bad="afdeling: Vuggestuen Kernehuset\nopmærksomhedspunkter:\n  fil: ../boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml",
    good="opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024-05-13.yaml",
)
R908 = Code(
    "R908", E, "Punktet findes ikke i arket",
    "'punkter' er numrene på arkets opmærksomhedspunkter, talt fra 1. Et ark med tre "
    "punkter har numrene 1, 2 og 3.",
    bad="opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024-05-13.yaml\n  punkter: [1, 4]   # arket har 3",
    good="  punkter: [1, 3]",
)
R909 = Code(
    "R909", W, "Evalueringen ligger uden for indsatsens faser",
    "En evaluering er dateret før indsatsens første fase eller efter dens sidste. Er datoen "
    "rigtig? Evaluerer I efter den sidste fase, så forlæng den eller tilføj en fase til "
    "evalueringen.",
    bad="faser:\n  - navn: Fase 1\n    start: 1/8 2024\n    slut: 30/6 2025\nevalueringer:\n  - dato: 3/3 2024",
    good="  - dato: 3/3 2025",
)

CODES: dict[str, Code] = {
    entry.code: entry for name, entry in sorted(globals().items()) if isinstance(entry, Code) and name == entry.code
}


def lookup(code: str) -> Code | None:
    """The entry for ``code``, written as people write it: ``a101``, ``A101``, ``[A101]``
    (as check prints it), ``Y5`` for Y005."""
    written = code.strip().strip("[]:").strip().upper()
    found = re.fullmatch(r"([A-Z])\s*-?\s*0*(\d{1,3})", written)
    return CODES.get(f"{found[1]}{int(found[2]):03d}" if found else written)


def markdown_table() -> str:
    """The table of codes for the README and docs/koder.md (one row per code)."""
    rows = ["| kode | niveau | hvad |", "| --- | --- | --- |"]
    for entry in CODES.values():
        rows.append(f"| {entry.code} | {entry.level.value} | {entry.title} |")
    return "\n".join(rows) + "\n"
