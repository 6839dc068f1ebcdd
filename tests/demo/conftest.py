"""Every demo test keeps the generated demo password out of the checkout's var/ folder."""

import pytest

from demo import builders as demo


@pytest.fixture(autouse=True)
def credentials_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "demo-credentials.txt")
