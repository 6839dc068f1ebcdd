"""The demo's programme for the coming months, and one recent event, dated from a given day.

Each kind of event the site handles appears once: a recurring series, online, hybrid, all-day,
in another time zone, cancelled. The organisers are the network's real members.
"""

from datetime import date, time, timedelta

from wagtail.rich_text import RichText

from events.models import EventPage

WEDNESDAY = 2


def _body(*paragraphs: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _is_workday(day: date) -> bool:
    """Monday to Friday, outside the Christmas and New Year break."""
    holidays = (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)
    return day.weekday() < 5 and not holidays


def _workday(day: date, span: int = 1) -> date:
    """The first day from `day` on where `span` consecutive days are all working days."""
    while not all(_is_workday(day + timedelta(days=offset)) for offset in range(span)):
        day += timedelta(days=1)
    return day


def _day(today: date, offset: int, span: int = 1) -> date:
    """The first working day (with `span` working days in a row) `offset` days from `today`."""
    return _workday(today + timedelta(days=offset), span)


def _webinar_series(today: date) -> dict:
    """A fortnightly online series with one session left out."""
    start = _next_weekday(_day(today, 7), WEDNESDAY)
    while not _is_workday(start):
        start += timedelta(weeks=1)
    return {
        "slug": "webinar-series-networks-in-stem-pd",
        "category": "webinar",
        "title": "Webinar series: networks in STEM teacher PD",
        "lead": "Every other Wednesday, a PD centre of the network presents one way it works "
        "with schools, universities and other partners. Forty-five minutes, questions "
        "welcome.",
        "body": _body(
            "The series opens with ICSE in Freiburg on how a university-based centre keeps its "
            "courses close to classroom questions. LUMA Centre Finland, IMST and Hacettepe "
            "University follow.",
            "Sessions are in English and recorded only with the presenters' agreement. There "
            "is no session in the week of the network meeting.",
        ),
        "start_date": start,
        "start_time": time(16, 0),
        "end_time": time(16, 45),
        "time_zone": "Europe/Brussels",
        "attendance_mode": EventPage.AttendanceMode.ONLINE,
        "online_url": "https://meet.stem-pd-net.example/webinars",
        "recurrence_frequency": EventPage.Frequency.WEEKLY,
        "recurrence_interval": 2,
        "recurrence_weekdays": ["WE"],
        "recurrence_count": 6,
        "exception_dates": [start + timedelta(weeks=4)],
        "organisers": ["icse-freiburg"],
        "motif": "waves",
        "alt": "Abstract illustration: layered waves in blue, orange and purple.",
    }


def _multipliers_workshop(today: date) -> dict:
    """An online workshop with a registration deadline."""
    return {
        "slug": "online-workshop-training-multipliers",
        "category": "workshop",
        "title": "Online workshop: training the trainers of mathematics teachers",
        "lead": "The DZLM shares how it prepares experienced teachers to run PD courses for "
        "their colleagues, and what it learnt from evaluating them.",
        "body": _body(
            "Multipliers, teachers who train other teachers, reach far more schools than a "
            "PD centre can alone. The workshop looks at what they need: time, materials and "
            "a community of their own.",
            "Participants work in small groups on a course outline they bring with them.",
        ),
        "start_date": _day(today, 16),
        "start_time": time(15, 0),
        "end_time": time(17, 0),
        "time_zone": "Europe/Berlin",
        "attendance_mode": EventPage.AttendanceMode.ONLINE,
        "online_url": "https://meet.stem-pd-net.example/multipliers",
        "registration_url": "https://stem-pd-net.example/register/multipliers",
        "registration_deadline": _day(today, 12),
        "organisers": ["dzlm"],
        "motif": "triangles",
        "alt": "Abstract illustration: rows of coloured triangles.",
    }


def _luma_seminar(today: date) -> dict:
    """A hybrid seminar in Helsinki, on Helsinki time."""
    return {
        "slug": "hybrid-seminar-regional-pd-centres-helsinki",
        "category": "multiplier-event",
        "title": "Regional PD centres: learning from the LUMA model",
        "lead": "LUMA Centre Finland explains how 13 regional centres in Finnish universities "
        "share one network, in Helsinki and online.",
        "body": _body(
            "Coordinators of regional LUMA centres describe how they divide work with the "
            "national centre, and how schools, universities and businesses take part.",
            "The seminar runs on Helsinki time. Online participants can ask questions in the "
            "chat; the room has space for forty.",
        ),
        "start_date": _day(today, 24),
        "start_time": time(13, 0),
        "end_time": time(16, 0),
        "time_zone": "Europe/Helsinki",
        "attendance_mode": EventPage.AttendanceMode.HYBRID,
        "online_url": "https://meet.stem-pd-net.example/luma",
        "venue_name": "University of Helsinki, Kumpula Campus, Exactum building",
        "venue_city": "Helsinki",
        "venue_country": "FI",
        "latitude": "60.204500",
        "longitude": "24.962000",
        "organisers": ["luma-centre-finland"],
        "motif": "circles",
        "alt": "Abstract illustration: a large circle surrounded by smaller ones.",
    }


def _cancelled_quality_workshop(today: date) -> dict:
    """A workshop that has been cancelled, as visitors and feeds must see."""
    return {
        "slug": "workshop-measuring-pd-quality",
        "category": "workshop",
        "title": "Workshop: measuring the quality of a PD activity",
        "lead": "A hands-on workshop on the network's guidelines for evaluating PD "
        "activities. It has been cancelled; the material is available from the outputs "
        "page.",
        "body": _body(
            "We are sorry: too few places could be filled in time. The workshop will be "
            "offered again as a session of the webinar series.",
        ),
        "start_date": _day(today, 38),
        "start_time": time(10, 0),
        "end_time": time(15, 0),
        "time_zone": "Europe/Vienna",
        "venue_name": "IMST, University of Klagenfurt",
        "venue_city": "Klagenfurt",
        "venue_country": "AT",
        "status": EventPage.Status.CANCELLED,
        "organisers": ["imst-klagenfurt"],
        "motif": "bars",
        "alt": "Abstract illustration: bars of rising height.",
    }


def _network_meeting(today: date) -> dict:
    """The members' two-day, all-day meeting."""
    start = _day(today, 45, span=2)
    return {
        "slug": "network-meeting-freiburg",
        "category": "network-meeting",
        "title": "Network meeting of the European STEM PD centres",
        "lead": "Two days for the network's members: workshops on evaluating PD and on "
        "keeping regional partnerships alive, and visits to partner schools.",
        "body": _body(
            "The University of Education Freiburg hosts the meeting. The first day is for "
            "workshops chosen by members in the last survey; the second takes participants "
            "to schools that work with the Freiburg centre.",
            "Up to two people per member centre can take part. Meals are provided; travel is "
            "paid by the centres.",
        ),
        "start_date": start,
        "end_date": start + timedelta(days=1),
        "all_day": True,
        "time_zone": "Europe/Berlin",
        "venue_name": "University of Education Freiburg",
        "venue_city": "Freiburg",
        "venue_country": "DE",
        "latitude": "47.995900",
        "longitude": "7.849400",
        "registration_url": "https://stem-pd-net.example/register/network-meeting",
        "registration_deadline": _day(today, 30),
        "organisers": ["icse-freiburg"],
        "motif": "network",
        "alt": "Abstract illustration: connected dots forming a network.",
    }


def _ankara_forum(today: date) -> dict:
    """An event in another time zone than the site's."""
    return {
        "slug": "teacher-educators-forum-ankara",
        "category": "multiplier-event",
        "title": "Teacher educators' forum: STEM PD for diverse classrooms",
        "lead": "Hacettepe University invites teacher educators to work with the network's "
        "catalogue on diverse classrooms.",
        "body": _body(
            "Each session starts from a lesson a participant wants to change and ends with "
            "a plan to try in class. Times are in Türkiye's time zone.",
            "The forum is in Turkish and English, with materials in both languages.",
        ),
        "start_date": _day(today, 60),
        "start_time": time(10, 0),
        "end_time": time(15, 30),
        "time_zone": "Europe/Istanbul",
        "venue_name": "Hacettepe University, Beytepe Campus",
        "venue_city": "Ankara",
        "venue_country": "TR",
        "organisers": ["hacettepe-university"],
        "motif": "hexagons",
        "alt": "Abstract illustration: a honeycomb of coloured hexagons.",
    }


def _klagenfurt_networks_day(today: date) -> dict:
    """A regional afternoon far out in the programme."""
    return {
        "slug": "regional-networks-day-klagenfurt",
        "category": "multiplier-event",
        "title": "Regional networks day: schools, universities and authorities together",
        "lead": "IMST brings the partners of its regional networks together to plan the "
        "next school year's professional development.",
        "body": _body(
            "The day follows the recommendations of the booklet on partnerships and "
            "alliances: decide together where a network adds value, then share the work.",
        ),
        "start_date": _day(today, 75),
        "start_time": time(14, 0),
        "end_time": time(18, 0),
        "time_zone": "Europe/Vienna",
        "venue_name": "IMST, University of Klagenfurt",
        "venue_city": "Klagenfurt",
        "venue_country": "AT",
        "organisers": ["imst-klagenfurt"],
        "motif": "grid",
        "alt": "Abstract illustration: a grid of squares and circles.",
    }


def _recent_checklist_webinar(today: date) -> dict:
    """A webinar that took place recently, for the archive."""
    return {
        "slug": "webinar-quality-checklist",
        "category": "webinar",
        "title": "Webinar: the quality checklist in practice",
        "lead": "How PD providers used the one-page checklist of the network's quality "
        "criteria when planning their courses.",
        "body": _body(
            "Three providers showed a course before and after they went through the "
            "checklist, and what changed for the teachers taking part.",
        ),
        "start_date": _day(today, -20),
        "start_time": time(16, 0),
        "end_time": time(17, 0),
        "time_zone": "Europe/Brussels",
        "attendance_mode": EventPage.AttendanceMode.ONLINE,
        "online_url": "https://meet.stem-pd-net.example/checklist",
        "organisers": ["icse-freiburg"],
        "motif": "bars",
        "alt": "Abstract illustration: blue and green bars.",
    }


PROGRAMME = (
    _webinar_series,
    _multipliers_workshop,
    _luma_seminar,
    _cancelled_quality_workshop,
    _network_meeting,
    _ankara_forum,
    _klagenfurt_networks_day,
    _recent_checklist_webinar,
)


def upcoming_events(today: date) -> list[dict]:
    """Event specs dated relative to `today` (the day the demo is loaded)."""
    return [make(today) for make in PROGRAMME]
