"""The text of the demo's booklet PDFs, chapter by chapter, in our own words.

Written from the network's documents: the Erasmus+ project summary and the Cross-Cutting Issue 06
booklet of the LINKS final conference. The chapter titles are those of the booklet pages
(`demo.network_texts.BOOKLETS`); the pages show a one-line summary, the PDFs the whole text.
"""

from demo.booklet_pdf import Booklet, Chapter, Subheading

# (series, number) printed on each booklet's cover. The project's intellectual outputs are
# numbered in the order the project summary lists them.
SERIES = {
    "cci-06-partnerships-and-alliances": ("Cross-Cutting Issue", 6),
    "quality-criteria-for-pd": ("Intellectual Output", 1),
    "measuring-pd-quality": ("Intellectual Output", 2),
    "diverse-classrooms-catalogue": ("Intellectual Output", 3),
    "stem-pd-materials": ("Intellectual Output", 4),
    "pd-centre-models": ("Intellectual Output", 5),
    "policy-briefing-2019": ("Intellectual Output", 7),
}

ABOUT_THE_NETWORK = (
    "About the network",
    (
        "The European STEM Professional Development Centre Network brings together centres that "
        "organise professional development (PD) for teachers of science, technology, "
        "engineering and mathematics. It was founded in 2014 on the initiative of the University "
        "of Education Freiburg and the German Centre for Mathematics Teacher Education (DZLM); "
        "its first meeting took place in Essen in December 2014. About 30 PD centres from 12 "
        "European countries belong to it today, and membership is free.",
        "From September 2016 to August 2019 the Erasmus+ strategic partnership STEM PD Net gave "
        "the network a firm footing. It was coordinated by the International Centre for STEM "
        "Education (ICSE) at the University of Education Freiburg, which also hosts the "
        "network's secretariat. Twelve STEM PD centres and two schools developed the project's "
        "intellectual outputs together:",
        (
            "quality criteria for PD, with guidelines for day-to-day implementation;",
            "ready-to-use guidelines on measuring the quality of a PD activity;",
            "a catalogue that helps PD providers take advantage of today's diverse classrooms;",
            "a commented selection of the best STEM PD materials available across Europe;",
            "a review of PD centre models, their challenges and success factors;",
            "an interactive web portal, and policy briefings on the network's core concerns.",
        ),
        "Every output went through a preparation phase (literature research, for instance), a "
        "development and design phase that linked research with the needs of practice, and a "
        "phase of drafting, reviewing and optimising that served as its quality assurance.",
    ),
)

_PD_GAP = (
    "Classrooms have become more complex, and that change has accelerated in recent years. "
    "Teachers need professional development that helps them adopt new, integrative methods. The "
    "need is particularly pressing in STEM, a field in which every pupil, migrants and pupils "
    "from disadvantaged backgrounds included, should acquire the skills that let them take part "
    "in work and life."
)

CHAPTERS: dict[str, dict[str, tuple]] = {
    "cci-06-partnerships-and-alliances": {
        "Why networks, alliances and partnerships?": (
            "Education systems are becoming more complex. Globalisation and digitisation pull "
            "in one direction, decentralisation and growing school autonomy in another, and "
            "schools, authorities and providers of continuing professional development (CPD) "
            "meet questions that none of them can answer alone.",
            "Networks, alliances and partnerships are mediating structures. They connect "
            "stakeholders within one level of the education system and between its levels: "
            "policy makers, school leaders, researchers, CPD providers and the wider circle of "
            "people who have a stake in teachers' professional development and in school "
            "development.",
            "As intermediate structures, networks are fairly new actors. They strengthen school "
            "autonomy in a field of many educational actors by cutting across the usual "
            "hierarchies, so that educational problems can be solved in collaborative, "
            "innovative and flexible ways.",
            Subheading("What this booklet sets out to do"),
            (
                "Establish when and how the potential of networks is best harnessed in "
                "different educational contexts.",
                "Draw on examples from the partners' own experience of CPD networks.",
            ),
            "Two questions run through it: how did we meet the difficulties of our network "
            "activities, and what are the possible next steps?",
        ),
        "Creating sustained CPD networks": (
            "In complex school systems, networks are a stimulating approach. The partners' "
            "experience shows what they can contribute:",
            (
                "support for horizontal decision-making;",
                "solving complex problems together;",
                "new life for intervention and research approaches in schools;",
                "synergies between stakeholders instead of parallel projects;",
                "better professional development for teachers;",
                "capacity building in schools;",
                "mediation between the levels of the school system.",
            ),
            "None of this happens by itself. A network lasts when its members recognise a shared "
            "purpose, when someone has the time to coordinate it, and when its formats bring "
            "members together regularly rather than once.",
            "Despite the challenges described in the next chapter, networks have the potential "
            "to co-create more sustained and comprehensive futures for teachers' professional "
            "development.",
        ),
        "How do we counter challenges?": (
            "The partners' networks began from different ideas and receive different support "
            "from their ministries and local education authorities. The difficulties they meet "
            "are nevertheless much alike, and so are some of the answers they found.",
            Subheading("Maintaining a life-long learning agenda in science education"),
            "A single event is easy to organise and easy to forget. Networks that keep teachers "
            "learning over years plan sequences of meetings, tie courses to trials in the "
            "teachers' own classes and give experienced teachers the role of multipliers who "
            "run courses for their colleagues.",
            Subheading("Broadening partnerships regionally"),
            "A network anchored in one university or one city reaches few schools. Partners "
            "widened theirs by involving regional authorities, teacher education institutions "
            "and other organisations, and by giving regional members a say in what the network "
            "does next.",
        ),
        "Shifting paradigms: what is next?": (
            "STEM CPD networks across Europe share experience, albeit in different contexts: "
            "shared visions, differing founding ideas and varying support from national "
            "education policy, whether from ministries or from local education authorities.",
            "Their challenges combine common European trends with national and regional specifics.",
            "Intermediaries became one of the major strategies in the wake of the paradigm shift "
            "of the 1990s. They balance top-down and bottom-up educational needs, strategies and "
            "requirements.",
            "In some countries policy makers now seem to be changing their strategy. How should "
            "STEM CPD networks react? The booklet leaves that question open for its readers and "
            "for the network's next meetings.",
        ),
        "Key recommendations for networks and policy makers": (
            "The partners agreed on five recommendations for anyone who starts, runs or funds "
            "a CPD network:",
            (
                "Establish when and how a network adds value in your educational context before "
                "you start one.",
                "Support horizontal decision-making and mediate between the levels of the school "
                "system.",
                "Create synergies between stakeholders instead of parallel projects.",
                "Plan for life-long learning in science education, not one-off events.",
                "Broaden partnerships regionally and keep policy makers involved as strategies "
                "shift.",
            ),
            Subheading("Directions for cooperation"),
            "Cooperation works best when every partner knows what it brings and what it gains: "
            "schools gain support for their own development, universities access to practice, "
            "authorities a channel to teachers.",
            Subheading("Organisation and formats"),
            "Regular meetings, shared working groups and small common projects keep a network "
            "alive between its larger events. Building comprehensive alliances and partnerships "
            "for sustained PD is the aim; these are the means.",
        ),
    },
    "quality-criteria-for-pd": {
        "What quality means in PD": (
            _PD_GAP,
            "The need for high-quality STEM teacher PD is widely recognised, in policy documents "
            "such as the report Science Education for Responsible Citizenship (2015) and in the "
            "trend across Europe to set up centres for STEM teacher PD. What has not yet been "
            "achieved is PD of the highest possible quality, built on findings from research "
            "and practice, from different contexts, subjects and countries.",
            "Too often, therefore, PD activities do not lead to the changes in classroom "
            "practice they were meant to bring. The criteria in this booklet describe what "
            "high-quality PD looks like, so that providers can plan for it and recognise it.",
            Subheading("Where the criteria come from"),
            "They draw on research into effective professional development and on the practice "
            "of the network's PD centres, gathered at two European meetings and in a survey "
            "among PD centres before the project began.",
        ),
        "Putting the criteria to work": (
            "Criteria help only when they are used. The guidelines in this chapter translate "
            "them into the day-to-day work of a PD provider: planning a course, running it and "
            "following it up in teachers' classrooms.",
            (
                "Start from the needs of teachers and their classes, not from a catalogue of "
                "topics.",
                "Link what research knows with what practitioners need in their context.",
                "Plan for time in which teachers try new methods in their own lessons.",
                "Review each activity and improve the next one.",
            ),
            "Twelve STEM PD centres and two schools developed the criteria and guidelines "
            "together, through a preparation phase, a development and design phase, and a "
            "phase of drafting, reviewing and optimising.",
        ),
    },
    "measuring-pd-quality": {
        "Why measure?": (
            "Too often PD activities do not lead to the changes in classroom practice they were "
            "meant to bring. A provider who does not look cannot know whether an activity "
            "worked, for whom, and why.",
            "These guidelines are meant to be used as they are: they help PD providers find out "
            "whether an activity changed what happens in class, and feed what they learn back "
            "into the next one.",
            _PD_GAP,
        ),
        "Instruments": (
            "No single instrument tells the whole story. The guidelines combine three that PD "
            "centres in the network already use:",
            (
                "questionnaires for participants, before, right after and some weeks after "
                "the activity;",
                "observation of lessons, with the teacher's agreement and agreed criteria;",
                "teacher portfolios that document what teachers tried in class and what happened.",
            ),
            "Each instrument is described with its purpose, its cost in time and the questions "
            "it can and cannot answer, so that a provider can choose what fits an activity.",
        ),
    },
    "diverse-classrooms-catalogue": {
        "Diversity as a resource": (
            _PD_GAP,
            "This catalogue helps PD providers take advantage of today's diverse classrooms. It "
            "treats diversity as a resource for learning rather than a problem to manage, and "
            "collects examples of STEM lessons from several countries that show how.",
            "Each example names the class and its context, the STEM content, what the teacher "
            "did to let every pupil take part, and what a PD course can take from it.",
            Subheading("Using the catalogue in PD"),
            "Providers can build a course around a few examples: teachers discuss one, adapt it "
            "to their own class, try it and report back. Sharing classroom examples across "
            "countries and subjects is the network's habit; the catalogue makes it a method.",
        ),
    },
    "stem-pd-materials": {
        "How we selected": (
            "Across Europe, PD centres have produced a wealth of materials for STEM teacher PD. "
            "This selection brings together those of the highest quality and comments on each, "
            "so that a provider can find what fits a course without starting from nothing.",
            "A material was included when it met the network's quality criteria for PD, had "
            "been used with teachers and reviewed afterwards, and could be adapted to another "
            "country's curriculum and language.",
            (
                "Purpose: which teachers and which classroom questions the material addresses.",
                "Evidence: how it was used and what the users reported.",
                "Adaptation: what a provider must change to use it elsewhere.",
            ),
            "The comments were written by the network's PD centres, each reviewing materials "
            "from other countries than its own.",
        ),
    },
    "pd-centre-models": {
        "Models": (
            "Across Europe, specialised centres now organise STEM teacher PD. They differ in "
            "how they are anchored: in one university, in a network of regional centres, or in "
            "a national institution working with the education authorities.",
            "This review describes those models, the challenges each meets and the factors that "
            "help them succeed, so that a centre can learn from others organised differently.",
            Subheading("Success factors"),
            (
                "a stable position in the national or regional education system;",
                "links between research and the practice of schools;",
                "exchange with other centres, in the country and across Europe.",
            ),
            "The network itself is one answer to the last point: transnational exchange and "
            "mutual learning strengthen the position, work and knowledge base of every member.",
        ),
    },
    "policy-briefing-2019": {
        "Three asks": (
            "The project set out to improve the quality and relevance of STEM teacher PD on a "
            "large scale, by strengthening the position, work and knowledge base of STEM PD "
            "centres across Europe. This briefing sums up what policy makers can do to help.",
            (
                "Stable funding, so that centres can plan for years, not for single projects.",
                "Links to research, so that PD builds on what is known to work.",
                "Time for networking, so that centres learn from each other across borders.",
            ),
            "Strong PD centres give PD practice a voice towards policy, research and the public, "
            "and teachers better prepared for the complex and diverse classrooms they meet "
            "today. In the end that benefits Europe's pupils.",
        ),
    },
}


def booklet_for(data: dict, coordinator: str, partners: list[str], how_to_cite: str) -> Booklet:
    """The PDF of the demo booklet `data` (from `BOOKLETS`), coordinated by the organisation
    `coordinator` with the organisations `partners`."""
    series, number = SERIES[data["slug"]]
    texts = CHAPTERS[data["slug"]]
    name = data.get("coordinator_name")
    return Booklet(
        series=series,
        number=number,
        # The cover shows the series and number above the title: the title does not repeat them.
        title=data["title"].removeprefix(f"{series} {number:02d}: "),
        coordinator=f"{name}, {coordinator}" if name else coordinator,
        year=data["date"].year,
        colour=data["colour"],
        chapters=tuple(Chapter(heading, texts[heading]) for heading, _ in data["chapters"]),
        appendix=(Chapter(*ABOUT_THE_NETWORK),),
        partners=tuple(partners),
        edition=data.get("edition", ""),
        how_to_cite=how_to_cite,
    )
