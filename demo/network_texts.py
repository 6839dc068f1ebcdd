"""The demo's texts for partners, cross-cutting issues and booklets, in our own words.

Written from the network's documents; every partner is a real member or associate of the
network, none is invented. News items live in `demo.news`.
"""

from datetime import date

from demo.news import LINKS_NEWS_LEAD

PARTNERS = [
    {
        "slug": "icse-freiburg",
        "title": "International Centre for STEM Education (ICSE), University of Education Freiburg",
        "short_name": "ICSE",
        "partner_type": "university",
        "role": "coordinator",
        "country": "DE",
        "city": "Freiburg",
        "latitude": "47.99590",
        "longitude": "7.84940",
        "website": "https://icse.ph-freiburg.de/",
        "description": "<p>ICSE coordinated the Erasmus+ project STEM PD Net (2016–2019) and hosts "
        "the secretariat of the European STEM Professional Development Centre Network, which the "
        "University of Education Freiburg founded in 2014 together with the DZLM.</p>",
        "colour": "#0b4f8a",
    },
    {
        "slug": "imst-klagenfurt",
        "title": "IMST, University of Klagenfurt",
        "short_name": "IMST",
        "partner_type": "pd-centre",
        "role": "partner",
        "country": "AT",
        "city": "Klagenfurt",
        "latitude": "46.61660",
        "longitude": "14.26530",
        "website": "https://www.aau.at/",
        "description": "<p>IMST supports STEM teachers and schools in Austria through networks, "
        "projects and professional development. Doris Arztmann of IMST coordinated the booklet on "
        "building comprehensive partnerships and alliances for sustained CPD.</p>",
        "colour": "#7a2e8a",
    },
    {
        "slug": "luma-centre-finland",
        "title": "LUMA Centre Finland",
        "short_name": "LUMA",
        "partner_type": "pd-centre",
        "role": "partner",
        "country": "FI",
        "city": "Helsinki",
        "latitude": "60.20460",
        "longitude": "24.96210",
        "website": "https://www.luma.fi/en/",
        "description": "<p>LUMA Centre Finland is a network of 13 regional LUMA centres in Finnish "
        "universities that brings schools, universities and business together to inspire "
        "learners and support teachers in science, mathematics and technology.</p>",
        "colour": "#006b5f",
    },
    {
        "slug": "hacettepe-university",
        "title": "Hacettepe University",
        "short_name": "Hacettepe",
        "partner_type": "university",
        "role": "partner",
        "country": "TR",
        "city": "Ankara",
        "latitude": "39.86680",
        "longitude": "32.73470",
        "website": "https://www.hacettepe.edu.tr/",
        "description": "<p>Hacettepe University brings the experience of STEM teacher education "
        "in Turkey to the network and its work on quality criteria for professional "
        "development.</p>",
        "colour": "#a31919",
    },
    {
        "slug": "la-main-a-la-pate",
        "title": "Fondation La main à la pâte",
        "short_name": "LAMAP",
        "partner_type": "foundation",
        "role": "associated",
        "country": "FR",
        "city": "Paris",
        "latitude": "48.84240",
        "longitude": "2.34460",
        "website": "https://fondation-lamap.org/",
        "description": "<p>The foundation coordinates the LINKS project (Learning through "
        "Innovation and Networking in STEM), whose final conference took place in Helsinki on "
        "3 June 2019.</p>",
        "colour": "#b35900",
    },
    {
        "slug": "dzlm",
        "title": "German Centre for Mathematics Teacher Education (DZLM)",
        "short_name": "DZLM",
        "partner_type": "pd-centre",
        "role": "partner",
        "country": "DE",
        "city": "Kiel",
        "latitude": "54.34620",
        "longitude": "10.11280",
        "website": "https://dzlm.de/",
        "description": "<p>The DZLM develops and studies professional development for mathematics "
        "teachers and for the people who train them. Together with the University of Education "
        "Freiburg it took the initiative for the European network, whose first meeting it hosted "
        "in Essen in December 2014.</p><p>In the network it contributes its experience of "
        "qualifying multipliers: teachers who go on to run PD courses for their colleagues.</p>",
        "colour": "#1d5e3a",
    },
]

CCI06_TITLE = "Building Comprehensive Partnerships and Alliances for Sustained CPD"
CCI06_SUMMARY = (
    "Education systems grow more complex through globalisation and digitisation on one side and "
    "decentralisation and school autonomy on the other. Networks, alliances and partnerships are "
    "intermediate structures that connect policy makers, school leaders, researchers and CPD "
    "providers across levels, so that educational problems are solved in collaborative, "
    "innovative and flexible ways."
)
CCI06_RECOMMENDATIONS = [
    "Establish when and how networks add value in your educational context before you start one.",
    "Support horizontal decision-making and mediate between the levels of the school system.",
    "Create synergies between stakeholders instead of parallel projects.",
    "Plan for life-long learning in science education, not one-off events.",
    "Broaden partnerships regionally and keep policy makers involved as strategies shift.",
]

ISSUES = [
    {
        "slug": "quality-of-professional-development",
        "number": 1,
        "title": "Quality of Professional Development",
        "summary": "What makes STEM teacher PD effective, and how PD centres can measure it, "
        "drawing on the project's quality criteria and its guidelines for evaluating PD.",
        "recommendations": [
            "Base PD on research findings and on the needs of the classroom.",
            "Measure the quality of each PD activity with agreed criteria.",
        ],
        "coordinator": "icse-freiburg",
    },
    {
        "slug": "diverse-classrooms",
        "number": 2,
        "title": "Teaching in Diverse Classrooms",
        "summary": "How PD prepares teachers for classrooms where every pupil, including migrants "
        "and pupils from disadvantaged backgrounds, acquires sound STEM skills, with the project's "
        "catalogue on diverse classrooms as a starting point.",
        "recommendations": [
            "Treat diversity as a resource for learning, not a problem to manage.",
            "Share classroom examples across countries and subjects.",
        ],
        "coordinator": "hacettepe-university",
    },
    {
        "slug": "partnerships-and-alliances",
        "number": 6,
        "title": CCI06_TITLE,
        "summary": CCI06_SUMMARY,
        "recommendations": CCI06_RECOMMENDATIONS,
        "coordinator": "imst-klagenfurt",
        "coordinator_name": "Doris Arztmann",
    },
]

CCI06_CHAPTERS = [
    (
        "Why networks, alliances and partnerships?",
        "Mediating structures connect stakeholders within and between the levels of the "
        "education system. They bolster school autonomy within a field of many educational "
        "actors by traversing conventional hierarchies.",
    ),
    (
        "Creating sustained CPD networks",
        "In complex school systems, networks support horizontal decision-making, complex problem "
        "solving, capacity building in schools and the professional development of teachers.",
    ),
    (
        "How do we counter challenges?",
        "Partners describe the difficulties their networks met and what they did about them, "
        "from maintaining a life-long learning agenda to broadening partnerships regionally.",
    ),
    (
        "Shifting paradigms: what is next?",
        "Shared European experience meets national specifics: where policy strategies shift, "
        "STEM CPD networks need to decide how to react.",
    ),
    (
        "Key recommendations for networks and policy makers",
        "Directions for cooperation, organisation and formats for building comprehensive "
        "alliances and partnerships for sustained professional development.",
    ),
]

BOOKLETS = [
    {
        "slug": "cci-06-partnerships-and-alliances",
        "title": f"Cross-Cutting Issue 06: {CCI06_TITLE}",
        "booklet_type": "booklet",
        "summary": "A booklet from the LINKS final conference on when and how to harness the "
        "potential of networks, alliances and partnerships for sustained continuing professional "
        "development, drawing on the partners' own experience with CPD networks.",
        "coordinator": "imst-klagenfurt",
        "coordinator_name": "Doris Arztmann",
        "partners": ["luma-centre-finland", "la-main-a-la-pate", "icse-freiburg"],
        "issues": ["partnerships-and-alliances"],
        "date": date(2019, 6, 3),
        "edition": "Conference edition",
        "chapters": CCI06_CHAPTERS,
        "colour": "#7a2e8a",
    },
    {
        "slug": "quality-criteria-for-pd",
        "title": "Quality Criteria for STEM Teacher PD and Guidelines for Implementation",
        "booklet_type": "guidelines",
        "summary": "Criteria for high-quality professional development of STEM teachers, with "
        "guidelines PD providers can use in their day-to-day work.",
        "coordinator": "icse-freiburg",
        "partners": ["hacettepe-university", "imst-klagenfurt"],
        "issues": ["quality-of-professional-development"],
        "date": date(2019, 3, 15),
        "chapters": [
            ("What quality means in PD", "Criteria drawn from research and from practice."),
            ("Putting the criteria to work", "Guidelines for planning and running PD."),
        ],
        "colour": "#0b4f8a",
    },
    {
        "slug": "measuring-pd-quality",
        "title": "Measuring the Quality of a PD Activity",
        "booklet_type": "guidelines",
        "summary": "Ready-to-use guidelines for PD providers who want to find out whether an "
        "activity changed what happens in class.",
        "coordinator": "luma-centre-finland",
        "partners": ["icse-freiburg"],
        "issues": ["quality-of-professional-development"],
        "date": date(2019, 5, 2),
        "chapters": [
            ("Why measure?", "Too often PD does not lead to changes in classroom practice."),
            ("Instruments", "Questionnaires, observation and teacher portfolios."),
        ],
        "colour": "#006b5f",
    },
    {
        "slug": "diverse-classrooms-catalogue",
        "title": "Diverse Classrooms: A Catalogue for PD Providers",
        "booklet_type": "catalogue",
        "summary": "How PD providers can take advantage of today's diverse classrooms, with "
        "examples from several countries.",
        "coordinator": "hacettepe-university",
        "partners": ["dzlm", "la-main-a-la-pate"],
        "issues": ["diverse-classrooms"],
        "date": date(2018, 11, 20),
        "chapters": [("Diversity as a resource", "Examples from STEM lessons across Europe.")],
        "colour": "#a31919",
    },
    {
        "slug": "stem-pd-materials",
        "title": "A Commented Selection of STEM PD Materials",
        "booklet_type": "materials",
        "summary": "Materials of the highest quality available across Europe, selected and "
        "commented by the network's PD centres.",
        "coordinator": "imst-klagenfurt",
        "partners": ["luma-centre-finland", "dzlm"],
        "issues": ["quality-of-professional-development"],
        "date": date(2018, 6, 1),
        "chapters": [("How we selected", "Criteria for including a material.")],
        "colour": "#33691e",
    },
    {
        "slug": "pd-centre-models",
        "title": "PD Centre Models in Europe: Challenges and Success Factors",
        "booklet_type": "review",
        "summary": "A review of how STEM PD centres are organised, what holds them back and "
        "what makes them succeed.",
        "coordinator": "icse-freiburg",
        "partners": ["imst-klagenfurt", "luma-centre-finland"],
        "issues": ["partnerships-and-alliances"],
        "date": date(2019, 8, 1),
        "chapters": [("Models", "Regional, national and university-based centres.")],
        "colour": "#4527a0",
    },
    {
        "slug": "policy-briefing-2019",
        "title": "Policy Briefing: Strengthening STEM PD Centres",
        "booklet_type": "policy-briefing",
        "summary": "The network's core concerns, insights and outcomes, for policy makers.",
        "coordinator": "icse-freiburg",
        "partners": [],
        "issues": ["partnerships-and-alliances", "quality-of-professional-development"],
        "date": date(2019, 8, 30),
        "chapters": [("Three asks", "Stable funding, research links and networking time.")],
        "colour": "#37474f",
    },
]

CATEGORIES = {
    "network-news": {"en": "Network news", "de": "Netzwerk-Nachrichten", "fr": "Vie du réseau"},
    "publications": {"en": "Publications", "de": "Publikationen", "fr": "Publications"},
    "events": {"en": "Events", "de": "Veranstaltungen", "fr": "Événements"},
}

PUBLICATIONS_INTRO = (
    "Booklets, guidelines, catalogues and policy briefings. The project's intellectual outputs "
    "are numbered on their covers: Intellectual Outputs 01 to 05 and 07 are the booklets listed "
    "here; Intellectual Output 06 is the network's interactive web portal, not a booklet, so it "
    "has no entry in this list."
)

INDEXES = {
    "news": ("News", "What is happening in the network."),
    # The project's booklets are numbered on their covers; 06 is not a booklet, so the index
    # says why that number is missing.
    "publications": ("Publications", PUBLICATIONS_INTRO),
    # The series is numbered like the printed booklets, so the index says why numbers are missing.
    "cross-cutting-issues": (
        "Cross-cutting issues",
        "Themes that run through our work. The cross-cutting issues are a numbered series of six "
        "booklets, presented at the LINKS final conference in Helsinki in June 2019; this site "
        "presents three of them so far, numbers 01, 02 and 06, and adds the others as their "
        "coordinators put them online.",
    ),
    # The home page counts the network's members; this page lists a few of them, so it says which.
    "partners": (
        "Partners",
        "The network has grown to about 30 STEM professional development centres from 12 European "
        "countries; membership is free. This page presents six organisations at its core: the "
        "coordinator and three partners of the Erasmus+ project STEM PD Net (2016–2019), whose "
        "consortium had 13 partners; the DZLM, which founded the network together with the "
        "University of Education Freiburg; and an associated foundation.",
    ),
}

# Real translations (German and French), entered as a partner would in wagtail-localize.
TRANSLATIONS = {
    "de": {
        "News": "Nachrichten",
        "What is happening in the network.": "Was im Netzwerk passiert.",
        "Publications": "Publikationen",
        PUBLICATIONS_INTRO: (
            "Broschüren, Leitfäden, Kataloge und Policy Briefings. Die Projektergebnisse sind auf "
            "ihren Titelseiten nummeriert: Die Projektergebnisse 01 bis 05 und 07 sind die hier "
            "aufgeführten Broschüren; Projektergebnis 06 ist das interaktive Webportal des "
            "Netzwerks, keine Broschüre, und steht deshalb nicht in dieser Liste."
        ),
        "LINKS final conference in Helsinki": "LINKS-Abschlusskonferenz in Helsinki",
        LINKS_NEWS_LEAD: (
            "Die Partner trafen sich auf dem Kumpula-Campus der Universität Helsinki, um die "
            "Ergebnisse des LINKS-Projekts vorzustellen, darunter sechs Broschüren zu "
            "Querschnittsthemen."
        ),
        BOOKLETS[0]["title"]: (
            "Querschnittsthema 06: Umfassende Partnerschaften und Allianzen für nachhaltige "
            "Fortbildung aufbauen"
        ),
        BOOKLETS[0]["summary"]: (
            "Eine Broschüre der LINKS-Abschlusskonferenz darüber, wann und wie sich das Potenzial "
            "von Netzwerken, Allianzen und Partnerschaften für nachhaltige Fortbildung nutzen "
            "lässt, gestützt auf die eigenen Erfahrungen der Partner mit Fortbildungsnetzwerken."
        ),
        "Conference edition": "Konferenzausgabe",
        "Why networks, alliances and partnerships?": (
            "Warum Netzwerke, Allianzen und Partnerschaften?"
        ),
        "Creating sustained CPD networks": "Nachhaltige Fortbildungsnetzwerke schaffen",
    },
    "fr": {
        "News": "Actualités",
        "What is happening in the network.": "Ce qui se passe dans le réseau.",
        "Publications": "Publications",
        PUBLICATIONS_INTRO: (
            "Brochures, guides, catalogues et notes de politique. Les productions intellectuelles "
            "du projet sont numérotées sur leur couverture : les productions intellectuelles 01 à "
            "05 et 07 sont les brochures présentées ici ; la production intellectuelle 06 est le "
            "portail web interactif du réseau, pas une brochure : elle ne figure donc pas dans "
            "cette liste."
        ),
        "LINKS final conference in Helsinki": "Conférence finale de LINKS à Helsinki",
        LINKS_NEWS_LEAD: (
            "Les partenaires se sont réunis sur le campus de Kumpula de l'Université d'Helsinki "
            "pour présenter les résultats du projet LINKS, dont six brochures sur des questions "
            "transversales."
        ),
        BOOKLETS[0]["title"]: (
            "Question transversale 06 : construire des partenariats et des alliances globaux "
            "pour une formation continue durable"
        ),
        BOOKLETS[0]["summary"]: (
            "Une brochure issue de la conférence finale de LINKS sur le moment et la manière de "
            "tirer parti des réseaux, alliances et partenariats pour une formation continue "
            "durable, à partir de l'expérience des partenaires."
        ),
        "Conference edition": "Édition de la conférence",
        "Why networks, alliances and partnerships?": (
            "Pourquoi des réseaux, des alliances et des partenariats ?"
        ),
        "Creating sustained CPD networks": "Créer des réseaux de formation continue durables",
    },
}
