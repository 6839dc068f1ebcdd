"""Mail written in development can be read, and its links copied, straight from var/mail/."""

from django.core import mail

import pytest

LINK = (
    "http://127.0.0.1:8111/en/newsletter/confirm/"
    "MTIzOmFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ:1vXyZa:Q2hlY2tzdW0tdGhhdC1pcy1sb25n/"
)


@pytest.fixture
def mail_dir(settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "home.mail_files.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    return tmp_path


def _message(subject: str, to: str) -> mail.EmailMultiAlternatives:
    message = mail.EmailMultiAlternatives(
        subject,
        f"Grüß Gott! Bestätigen Sie Ihre Anmeldung: {LINK}\n",
        "STEM PD Net <news@example.org>",
        [to],
    )
    message.attach_alternative(f'<p>Grüß Gott! <a href="{LINK}">Bestätigen</a></p>', "text/html")
    return message


def test_each_message_gets_its_own_eml_with_decoded_text_and_html_beside_it(mail_dir):
    sent = mail.mailers.default.send_messages(
        [
            _message("Bitte bestätigen", "ada@example.org"),
            _message("Please confirm", "b@example.org"),
        ]
    )
    assert sent == 2
    files = sorted(path.name for path in mail_dir.iterdir())
    assert len([name for name in files if name.endswith(".eml")]) == 2
    assert len([name for name in files if name.endswith(".txt")]) == 2
    assert len([name for name in files if name.endswith(".html")]) == 2
    stems = {name.rsplit(".", 1)[0] for name in files}
    assert len(stems) == 2, "the .txt and .html sit beside the .eml they decode"


def test_a_link_can_be_copied_from_the_text_and_html_files(mail_dir):
    _message("Bitte bestätigen", "ada@example.org").send()
    [eml] = mail_dir.glob("*.eml")
    assert LINK not in eml.read_text(), "the raw message is encoded (this is why .txt exists)"
    text = eml.with_suffix(".txt").read_text(encoding="utf-8")
    assert LINK in text.splitlines()[-1]
    assert "Subject: Bitte bestätigen" in text and "To: ada@example.org" in text
    assert "Grüß Gott!" in text
    assert f'href="{LINK}"' in eml.with_suffix(".html").read_text(encoding="utf-8")


def test_plain_text_mail_has_no_html_file(mail_dir):
    mail.send_mail("Hello", "Plain body", "a@example.org", ["b@example.org"])
    assert sorted(path.suffix for path in mail_dir.iterdir()) == [".eml", ".txt"]
