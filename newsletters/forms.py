"""Forms of the audience: the public sign-up and preference centre, and the staff CSV upload."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from newsletters.audience.members import public_topics
from newsletters.models import EMAIL_MAX_LENGTH, Topic

CONTROL_CHARACTERS = frozenset(chr(code) for code in [*range(32), 127])
IMPORT_MAX_BYTES = 20 * 1024 * 1024


def page_language() -> str:
    """The language the current page is shown in, as a language code without region."""
    return (get_language() or "en").split("-")[0]


def language_options() -> list[tuple[str, str]]:
    """Languages named in their own language, as a visitor looks for theirs."""
    return [
        (code, get_language_info(code)["name_local"].capitalize()) for code, _ in settings.LANGUAGES
    ]


class SubscriberEmailField(forms.EmailField):
    """An email field that refuses control characters (CR/LF header injection) outright.

    Django's field would strip a trailing newline and accept the rest; an address containing a
    line break anywhere was typed by a script, and the person deserves a clear error instead.
    """

    default_error_messages = {
        "control": _("An email address cannot contain line breaks or control characters."),
    }

    def to_python(self, value):
        if isinstance(value, str) and CONTROL_CHARACTERS.intersection(value):
            raise ValidationError(self.error_messages["control"], code="control")
        return super().to_python(value)


class TopicCheckboxes(forms.CheckboxSelectMultiple):
    """Topic checkboxes that carry each topic's one-line description.

    The description tells a visitor what a topic sends before they tick it; each box points at
    its description with `aria-describedby`, so a screen reader reads it with the name.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.descriptions: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        description = self.descriptions.get(str(value), "")
        if description:
            option["description"] = description
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-description"
        return option


class TopicsForm(forms.Form):
    """Offers the public topics by translation key, named and described in the reader's language."""

    def __init__(self, *args, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        topics = public_topics(language)
        field = self.fields["topics"]
        field.choices = [(str(topic.translation_key), topic.name) for topic in topics]
        field.widget.descriptions = {
            str(topic.translation_key): topic.description for topic in topics if topic.description
        }


class SignupForm(TopicsForm):
    """The sign-up form of the footer and of the sign-up page (no CSRF token; see `protection`).

    The consent box starts unticked; leaving every topic unticked subscribes to all of them.
    """

    email = SubscriberEmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=language_options)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=TopicCheckboxes,
        help_text=_("Leave all unticked to receive every topic."),
    )
    consent = forms.BooleanField(
        label=_(
            "I want to receive the STEM PD Net newsletter by email. I can unsubscribe at any "
            "time with the link in every issue."
        ),
        required=True,
        error_messages={"required": _("Please tick the box to agree to receive the newsletter.")},
    )
    # The honeypot: hidden from people by CSS, filled in by form-filling bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, language: str, privacy_url: str = "", **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", language)
        super().__init__(*args, language=language, **kwargs)
        self.privacy_url = privacy_url

    @property
    def is_bot(self) -> bool:
        """True when the honeypot was filled: answer as if all went well, do nothing."""
        return bool(self.data.get("website"))

    def chosen_topic_keys(self) -> list[str]:
        """The chosen topics, or every public topic when none was ticked."""
        return self.cleaned_data["topics"] or [key for key, _name in self.fields["topics"].choices]

    def consent_statement(self) -> str:
        """The exact consent text shown, with the privacy notice it linked to, for the record."""
        statement = str(self.fields["consent"].label)
        if self.privacy_url:
            statement += f" [{_('Privacy notice')}: {self.privacy_url}]"
        return statement


class PreferencesForm(TopicsForm):
    """The preference centre: a confirmed subscriber changes language and topics."""

    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=language_options)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=True,
        widget=TopicCheckboxes,
        error_messages={"required": _("Choose at least one topic, or unsubscribe below.")},
    )


class SubscriberImportForm(forms.Form):
    """Staff upload a CSV of addresses with the consent source that makes mailing them lawful."""

    csv_file = forms.FileField(
        label=_("CSV file"),
        validators=[FileExtensionValidator(["csv", "txt"])],
        help_text=_(
            "UTF-8 CSV with a header row. Columns: email (required), language (optional, e.g. "
            "“de”) and topics (optional, names separated by “;”)."
        ),
    )
    consent_source = forms.CharField(
        label=_("Consent source"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Required. How these people agreed to receive the newsletter, e.g. “Ticked the "
            "newsletter box when registering for the 2024 annual conference”."
        ),
    )
    default_language = forms.ChoiceField(
        label=_("Language for rows without one"), choices=language_options
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Added to every imported subscriber, besides the topics in the file."),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is larger than 20 MB; split it or use the command."))
        return upload

    def clean_consent_source(self) -> str:
        value = " ".join(self.cleaned_data["consent_source"].split())
        if len(value) < 10:
            raise ValidationError(_("Describe how these people gave consent."))
        return value
