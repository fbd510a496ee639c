"""Fixed word lists the generator draws from: names, organisations, bodies, places, topics.

Every string here is printable in reportlab's standard Helvetica (WinAnsi: å, ä, ö, é, ü),
so that generated PDFs read back letter for letter.
"""

from __future__ import annotations

from dataclasses import dataclass

SODERTORN = (
    "Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö",
)

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Marie",
    "Malin", "Ingrid", "Jenny", "Hanna", "Linda", "Annika", "Susanne", "Elin", "Monica",
    "Birgitta", "Sofia", "Johanna", "Cecilia", "Carina", "Elisabeth", "Ulla", "Helena",
    "Camilla", "Åsa", "Therese", "Ida", "Frida", "Madeleine", "Josefin", "Anneli", "Lisa",
    "Marianne", "Ulrika", "Gunilla", "Petra", "Agneta", "Katarina", "Jessica", "Louise",
    "Margareta", "Ebba", "Maja", "Elsa", "Klara", "Ylva", "Pia", "Britt", "Mona", "Inger",
    "Maj-Britt", "Anna-Karin", "Eva-Lena", "Fatima", "Amira", "Leila", "Aleksandra", "Ayse",
    "Meeri", "Boel", "Tina", "Jennie", "Helene", "Irene", "Liselott",
    "Lars", "Mikael", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Jan", "Thomas",
    "Daniel", "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Mattias", "Jonas",
    "Bengt", "Niklas", "Marcus", "Martin", "Björn", "Patrik", "Henrik", "Ulf", "Göran",
    "Christer", "Joakim", "Kjell", "Håkan", "Rickard", "Leif", "Tommy", "Robert", "Sven",
    "Tobias", "Emil", "Oskar", "Viktor", "Gustav", "Olof", "Lennart", "Bo", "Rolf", "Åke",
    "Roger", "Jörgen", "Kent", "Nils", "Ola", "Ali", "Mohamed", "Ahmed", "Hassan", "Omar",
    "Nikola", "Mehmet", "Per-Olof", "Karl-Johan", "Jan-Erik", "Sören", "Gunnar", "Torbjörn",
)
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
    "Lindqvist", "Lindgren", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lundqvist",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman",
    "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
    "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist",
    "Claesson", "Nordström", "Mårtensson", "Lundström", "Viklund", "Björklund", "Eliasson",
    "Pålsson", "Berggren", "Sandström", "Nordin", "Ström", "Åberg", "Hermansson", "Ekström",
    "Holmgren", "Sundberg", "Hedlund", "Dahlberg", "Hellström", "Sjögren", "Abrahamsson",
    "Falk", "Martinsson", "Öberg", "Andreasson", "Strömberg", "Månsson", "Åkesson",
    "Norberg", "Lindholm", "Jonasson", "Söderström", "Ivarsson", "Hussein", "Yilmaz",
    "Nguyen", "Wasberg", "Dronjak", "Gyllestad", "Fabricius", "Pollak", "Östlin", "Godner",
    "Renman", "Hollmark", "Broo", "Olander", "Melin", "Fagerström", "Kalderén", "Saweståhl",
    "Edström", "Bosson", "Sundbom", "Belin", "Erixon", "Moritz", "Pettersén", "Ekholm",
    "Wennberg", "Lilja", "Rosén", "Stenberg", "Hägg", "Ljungberg", "Boström", "Nordqvist",
)


@dataclass(frozen=True)
class Organisation:
    """Who holds meetings or sends people to them.

    `letterhead` is the first line of the minutes; `written` how the parser names the
    organisation from it; `affiliation` how its staff's belonging is written on an
    attendee line (where "Name Surname Södertörns brandförsvarsförbund" would not split).
    """

    key: str
    letterhead: str
    written: str
    municipality: str | None
    url: str | None
    affiliation: str = ""


def _genitive(name: str) -> str:
    return name if name[-1] in "aeiouyåäös" else f"{name}s"


def municipality_organisation(name: str) -> Organisation:
    domain = name.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    return Organisation(name, f"{_genitive(name)} kommun", f"{_genitive(name)} kommun",
                        name, f"www.{domain}.se")


MUNICIPALITIES = tuple(municipality_organisation(name) for name in SODERTORN)
SODERTORNSKOMMUNERNA = Organisation(
    "Södertörnskommunerna", "SÖDERTÖRNSKOMMUNERNA SAMVERKAR", "Södertörnskommunerna", None,
    "www.sodertornskommunerna.se",
)
OTHER_ORGANISATIONS = (
    Organisation("SBFF", "Södertörns brandförsvarsförbund", "Södertörns brandförsvarsförbund",
                 None, "www.sbff.se", "Brandförsvarsförbundet"),
    Organisation("SRV", "SRV återvinning AB", "SRV återvinning AB", None, "www.srvatervinning.se"),
    Organisation("Fjärrvärme", "Södertörns fjärrvärme AB", "Södertörns fjärrvärme AB", None,
                 None),
    Organisation("Samordningsförbundet", "Samordningsförbundet Södertälje",
                 "Samordningsförbundet Södertälje", None, None),
)
# Organisations whose staff come to other bodies' meetings as guests.
GUEST_ORGANISATIONS = ("Trafikverket", "Region Stockholm", "Länsstyrelsen i Stockholms län",
                       "Storsthlm", "Polismyndigheten", "Naturvårdsverket")

# Bodies of a municipality: every municipality has the first two, and some of the rest.
MUNICIPAL_BODIES_ALWAYS = ("Kommunfullmäktige", "Kommunstyrelsen")
MUNICIPAL_BODIES = (
    "Kommunstyrelsens arbetsutskott", "Barn- och utbildningsnämnden", "Grundskolenämnden",
    "Förskolenämnden", "Gymnasienämnden", "Socialnämnden", "Äldrenämnden",
    "Vård- och omsorgsnämnden", "Miljö- och hälsoskyddsnämnden", "Bygg- och miljönämnden",
    "Samhällsbyggnadsnämnden", "Stadsbyggnadsnämnden", "Tekniska nämnden",
    "Kultur- och fritidsnämnden", "Fritidsnämnden", "Kulturnämnden",
    "Arbetsmarknadsnämnden", "Överförmyndarnämnden", "Valnämnden", "Krisledningsnämnden",
    "Miljö- och samhällsbyggnadsnämnden", "Tillsynsnämnden", "Gatu- och parknämnden",
    "Utbildningsnämnden", "Omsorgsnämnden", "Kommunala pensionärsrådet",
    "Rådet för funktionshinderfrågor",
)
SODERTORN_BODIES = ("Ledningsgruppen", "Styrgruppen för Tvärförbindelse Södertörn",
                    "Kommunstyrelseordförandenas möte", "Ekonomichefsnätverket")
OTHER_BODIES = {"SBFF": ("Direktionen",), "SRV": ("Styrelsen",), "Fjärrvärme": ("Styrelsen",),
                "Samordningsförbundet": ("Förbundsstyrelsen",)}

ROOMS = ("Sessionssalen", "Kommunstyrelsens sammanträdesrum", "Rum Ekhagen", "Rum Tornet",
         "Stora konferensrummet", "Lokal Utsikten", "Mötesrum Sjöviken", "Rum Björken",
         "Konferensrum Eken", "Fullmäktigesalen")
BUILDINGS = ("Kommunhuset", "Stadshuset", "Rådhuset", "Kommunalhuset", "Medborgarhuset")

PLACE_NAMES = (
    "Vega", "Handen", "Jordbro", "Brandbergen", "Tumba", "Fittja", "Alby", "Hallunda",
    "Flemingsberg", "Trångsund", "Skogås", "Stuvsta", "Segeltorp", "Rönninge", "Nyfors",
    "Ösmo", "Sorunda", "Torshälla", "Tyresö strand", "Bollmora", "Hovsjö", "Järna",
    "Pershagen", "Turinge", "Krigslida", "Vårby", "Norsborg", "Västerhaninge",
)
TOPICS = (
    "förskola", "grundskola", "gymnasieskola", "äldreomsorg", "hemtjänst", "skolskjuts",
    "gång- och cykelväg", "parkeringsavgifter", "bostadsförsörjning", "vatten och avlopp",
    "kollektivtrafik", "biblioteksverksamhet", "simhall", "idrottshall", "fritidsgårdar",
    "feriearbete för ungdomar", "ekonomiskt bistånd", "matavfall", "vinterväghållning",
    "trygghetskameror", "solceller på kommunens fastigheter", "laddstolpar",
    "lokalförsörjning", "bredband", "belysning i parker", "lekplatser", "näringslivsfrågor",
    "integration", "folkhälsa", "klimatanpassning", "dagvatten", "hundrastgårdar",
    "kulturskola", "ungdomsmottagning", "familjecentral", "LSS-boende", "särskilt boende",
    "bygglovstaxa", "tillsyn enligt miljöbalken", "livsmedelskontroll", "avfallstaxa",
)
SERVICES = ("städtjänster", "skolmåltider", "persontransporter", "konsulttjänster inom IT",
            "drift av gatubelysning", "snöröjning", "livsmedel", "kontorsmaterial",
            "byggentreprenad för ny skola", "hemtjänst enligt LOV", "vaktmästeritjänster",
            "ramavtal för markarbeten")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

# Words of municipal minutes that a general corpus under-represents, and how many times
# more often than there minutes use them.
DOMAIN_WORDS = (
    "detaljplan", "detaljplanen", "budget", "budgeten", "förskola", "förskolan", "äldreomsorg",
    "äldreomsorgen", "upphandling", "upphandlingen", "nämnden", "nämndens", "förvaltningen",
    "förvaltningens", "kommunstyrelsen", "kommunfullmäktige", "ärendet", "ärenden",
    "yttrande", "remiss", "remissen", "delegation", "delegationsbeslut", "tjänsteskrivelse",
    "tjänsteskrivelsen", "redovisning", "uppföljning", "verksamhetsplan", "internkontroll",
    "investering", "investeringar", "driftbudget", "underskott", "överskott", "prognos",
    "prognosen", "bokslut", "delårsrapport", "medborgarförslag", "motion", "motionen",
    "handlingarna", "samråd", "granskning", "antagande", "exploatering", "markanvändning",
    "översiktsplan", "bygglov", "tillsyn", "taxa", "avgift", "avgifter", "riktlinjer",
    "styrdokument", "kommunen", "kommunens", "invånare", "medborgare", "verksamheten",
    "verksamheter", "skolan", "elever", "vårdnadshavare", "hemtjänst", "omsorg", "boende",
    "bostäder", "kollektivtrafik", "infrastruktur", "trafikverket", "region", "regionen",
    "samverkan", "ekonomi", "resurser", "personal", "medarbetare", "rekrytering",
    "arbetsmiljö", "miljö", "hållbarhet", "klimat", "tillgänglighet", "digitalisering",
    "förslag", "förslaget", "utredning", "utredningen", "ordföranden", "ledamöter",
    "ersättare", "sammanträde", "sammanträdet", "protokoll", "paragraf", "kronor",
    "miljoner", "kvartal", "helår", "uppdrag", "uppdraget", "åtgärder", "avtal", "avtalet",
)
DOMAIN_BOOST = 40.0
