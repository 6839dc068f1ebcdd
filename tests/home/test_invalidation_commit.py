"""A change is invalidated again when it commits: a copy another process built from the rows
as they were before the commit (it read them between the publish signal and the commit) is
never served after it."""

import time

import pytest

from home.caching.invalidation import tags_of_page_change
from home.caching.store import get_tagged, put_tagged
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_copy_built_between_the_publish_signal_and_the_commit_is_stale_after_the_commit(
    home_page, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    tags = tags_of_page_change(about)
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About us"
        about.save_revision().publish()  # the signal has moved the tags; nothing is committed
        started = time.time_ns()  # another process starts rendering and reads "About"
        assert put_tagged("page-copy", "About", tags, None, started)
        assert get_tagged("page-copy") is not None
    assert get_tagged("page-copy") is None
