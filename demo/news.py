"""The demo's news, in our own words: the network's history with its real dates, and recent items.

Recent items carry `days_ago` instead of a date, so a fresh demo always reads as a network that
is active today.
"""

from datetime import date

LINKS_NEWS_LEAD = (
    "Partners met at the University of Helsinki's Kumpula Campus to present the results of the "
    "LINKS project, including six booklets on cross-cutting issues."
)

NEWS = [
    {
        "slug": "webinar-series-announced",
        "title": "New webinar series: how PD centres work with their partners",
        "days_ago": 6,
        "lead": "Every other Wednesday, one centre of the network shows in forty-five minutes "
        "how it works with schools, universities and education authorities.",
        "body": [
            "The first session opens with the International Centre for STEM Education in "
            "Freiburg, which explains how a university-based centre keeps its courses close to "
            "the questions teachers bring from their classrooms.",
            "Later sessions visit LUMA Centre Finland, IMST in Klagenfurt and Hacettepe "
            "University. Each presenter leaves time for questions, and the slides go to the "
            "publications section afterwards. Joining is free; the link is on the event page.",
        ],
        "categories": ["events"],
        "tags": ["webinar", "network"],
        "issues": ["partnerships-and-alliances"],
        "motif": "waves",
        "alt": "Abstract illustration: overlapping waves in blue and teal, like signals "
        "travelling between places.",
    },
    {
        "slug": "new-members-join",
        "title": "More PD centres join: the network now spans 12 countries",
        "days_ago": 34,
        "lead": "About 30 centres for STEM teacher professional development now belong to the "
        "network, and membership is still free.",
        "body": [
            "Centres join for the exchange: they compare how they plan courses, how they find "
            "out whether a course changed anything in class, and how they keep good trainers.",
            "A centre that wants to join writes to the secretariat at ICSE in Freiburg with a "
            "short description of its work. There is no fee and no minimum size; what counts is "
            "that the centre organises professional development for STEM teachers.",
        ],
        "categories": ["network-news"],
        "tags": ["network", "membership"],
        "issues": [],
        "motif": "network",
        "alt": "Abstract illustration: a web of connected dots in several colours.",
    },
    {
        "slug": "network-meeting-registration-open",
        "title": "Registration is open for the network meeting in Freiburg",
        "days_ago": 71,
        "lead": "Two days of workshops and visits for the network's members, hosted by the "
        "University of Education Freiburg.",
        "body": [
            "The programme starts with what members asked for in the last survey: evaluating PD "
            "without a research team, and keeping regional partnerships alive when funding "
            "ends.",
            "On the second day, participants visit schools that work with the Freiburg centre. "
            "Places are limited to two people per centre so that every centre can come.",
        ],
        "categories": ["events", "network-news"],
        "tags": ["meeting", "network"],
        "issues": ["partnerships-and-alliances"],
        "motif": "grid",
        "alt": "Abstract illustration: a grid of squares and circles in warm colours.",
    },
    {
        "slug": "quality-checklist-for-pd-providers",
        "title": "The quality criteria as a one-page checklist",
        "days_ago": 118,
        "lead": "PD providers asked for something they can use while planning a course; the "
        "network condensed its quality criteria onto a single page.",
        "body": [
            "The checklist asks the questions the criteria answer at length: does the course "
            "start from what teachers need in class, does it give them time to try things out, "
            "and how will the provider know whether it worked?",
            "It points back to the full guidelines for each question, so it works as a way in "
            "rather than a replacement. The checklist is free to download and to translate.",
        ],
        "categories": ["publications"],
        "tags": ["quality", "guidelines"],
        "issues": ["quality-of-professional-development"],
        "motif": "triangles",
        "alt": "Abstract illustration: rows of triangles pointing up, in purple and orange.",
    },
    {
        "slug": "luma-regional-centres",
        "title": "Thirteen regional centres, one network: how LUMA Centre Finland works",
        "days_ago": 183,
        "lead": "LUMA Centre Finland brings together 13 regional centres in Finnish "
        "universities; its coordinators explained the model to the network.",
        "body": [
            "Each regional centre works with the schools around its university, while the "
            "national centre shares materials and brings the regions together. Schools, "
            "universities and businesses all have a part in it.",
            "Members asked most about how a national network keeps regional centres "
            "independent and still avoids duplicate work. The answer, for LUMA, is shared "
            "planning once a year and a common calendar of events.",
        ],
        "categories": ["network-news"],
        "tags": ["network", "finland"],
        "issues": ["partnerships-and-alliances"],
        "motif": "circles",
        "alt": "Abstract illustration: thirteen circles of different sizes around a larger one.",
    },
    {
        "slug": "diverse-classrooms-in-practice",
        "title": "Diverse classrooms: PD providers report how they use the catalogue",
        "days_ago": 252,
        "lead": "Trainers from four countries describe how they use the catalogue on diverse "
        "classrooms in their own courses.",
        "body": [
            "In Ankara, Hacettepe University builds a course session around one chapter at a "
            "time, asking teachers to bring a lesson they want to change. In Klagenfurt, the "
            "catalogue feeds a regional network of schools.",
            "The common thread: diversity becomes a resource for learning when teachers see "
            "concrete classroom examples rather than general advice.",
        ],
        "categories": ["publications"],
        "tags": ["diversity", "materials"],
        "issues": ["diverse-classrooms"],
        "motif": "hexagons",
        "alt": "Abstract illustration: a honeycomb of hexagons, each in a different colour.",
    },
    {
        "slug": "policy-makers-and-sustained-cpd",
        "title": "What policy makers can do for sustained teacher PD",
        "days_ago": 331,
        "lead": "Drawing on the booklet on partnerships and alliances, the network sets out "
        "three things that help PD networks last.",
        "body": [
            "Stable funding beyond project cycles, links between research and the people who "
            "run courses, and time for teachers to take part in networks: these three came up "
            "in every country.",
            "The network shares the note with ministries and education authorities and invites "
            "them to its meetings, so that the discussion continues where decisions are made.",
        ],
        "categories": ["publications", "network-news"],
        "tags": ["policy", "networks"],
        "issues": ["partnerships-and-alliances", "quality-of-professional-development"],
        "motif": "bars",
        "alt": "Abstract illustration: rising bars in blue and green.",
    },
    {
        "slug": "booklet-partnerships-released",
        "title": "Booklet on partnerships and alliances for sustained CPD released",
        "date": date(2019, 6, 4),
        "lead": "Coordinated by Doris Arztmann of IMST, the booklet shows when and how networks "
        "help continuing professional development last.",
        "body": [
            "Education systems are becoming more complex, with globalisation and digitisation "
            "on one side and decentralisation and school autonomy on the other. The booklet "
            "looks at networks as structures in between that connect the people involved.",
            "It draws on the partners' own networks, the difficulties they met and how they "
            "responded, and ends with recommendations for networks and for policy makers.",
        ],
        "categories": ["publications"],
        "tags": ["booklet", "networks"],
        "issues": ["partnerships-and-alliances"],
        "motif": "network",
        "alt": "Abstract illustration: connected nodes in purple and blue.",
    },
    {
        "slug": "links-final-conference-helsinki",
        "title": "LINKS final conference in Helsinki",
        "date": date(2019, 6, 3),
        "lead": LINKS_NEWS_LEAD,
        "body": [
            "The conference took place in the Exactum building of the Kumpula Campus. LINKS, "
            "Learning through Innovation and Networking in STEM, is coordinated by Fondation La "
            "main à la pâte.",
            "Among the results were six booklets on cross-cutting issues, one of them on "
            "building comprehensive partnerships and alliances for sustained CPD.",
        ],
        "categories": ["events"],
        "tags": ["conference", "links"],
        "issues": ["partnerships-and-alliances"],
        "motif": "circles",
        "alt": "Abstract illustration: concentric circles in blue and white.",
    },
    {
        "slug": "erasmus-project-starts",
        "title": "Erasmus+ project STEM PD Net starts",
        "date": date(2016, 9, 1),
        "lead": "Twelve STEM PD centres and two schools begin three years of joint work on "
        "guidelines and reference materials for PD providers.",
        "body": [
            "The strategic partnership, coordinated by ICSE at the University of Education "
            "Freiburg, runs until August 2019. Its outputs include quality criteria for PD, "
            "guidelines for measuring the quality of a PD activity and a review of PD centre "
            "models.",
            "Work will follow three phases for each output: preparation, development and "
            "design, then drafting and review with the partners.",
        ],
        "categories": ["network-news"],
        "tags": ["erasmus-plus"],
        "issues": [],
        "motif": "grid",
        "alt": "Abstract illustration: a grid of coloured squares.",
    },
    {
        "slug": "network-founded-in-essen",
        "title": "A network of STEM PD centres meets for the first time in Essen",
        "date": date(2014, 12, 10),
        "lead": "On the initiative of the University of Education Freiburg and the DZLM, STEM PD "
        "centres from across Europe met in Essen to found a network.",
        "body": [
            "The centres came with a shared concern: professional development too often leaves "
            "classroom practice unchanged. They agreed to meet regularly, compare their work "
            "and develop common guidelines.",
            "Membership of the new network is free for any centre that organises professional "
            "development for STEM teachers.",
        ],
        "categories": ["network-news"],
        "tags": ["network", "meeting"],
        "issues": ["partnerships-and-alliances"],
        "motif": "hexagons",
        "alt": "Abstract illustration: a few hexagons joined edge to edge.",
    },
]
