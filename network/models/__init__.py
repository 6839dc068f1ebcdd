"""The network's editorial content, one module per content type.

Imported explicitly so Django and Wagtail find every model through `network.models`.
"""

from network.models.booklets import (
    BookletDownload,
    BookletIndexPage,
    BookletIssueLink,
    BookletPage,
    BookletPartner,
)
from network.models.issues import CrossCuttingIssueIndexPage, CrossCuttingIssuePage, IssuePartner
from network.models.news import (
    NewsAuthor,
    NewsIndexPage,
    NewsIssueLink,
    NewsPage,
    NewsPageTag,
    NewsRelatedPage,
)
from network.models.partners import PartnerContact, PartnerIndexPage, PartnerOutput, PartnerPage
from network.models.snippets import NewsCategory, Person

__all__ = [
    "BookletDownload",
    "BookletIndexPage",
    "BookletIssueLink",
    "BookletPage",
    "BookletPartner",
    "CrossCuttingIssueIndexPage",
    "CrossCuttingIssuePage",
    "IssuePartner",
    "NewsAuthor",
    "NewsCategory",
    "NewsIndexPage",
    "NewsIssueLink",
    "NewsPage",
    "NewsPageTag",
    "NewsRelatedPage",
    "PartnerContact",
    "PartnerIndexPage",
    "PartnerOutput",
    "PartnerPage",
    "Person",
]
