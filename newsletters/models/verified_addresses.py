"""Who may receive a test send: addresses whose owners proved they read them.

A test mails an unpublished draft from the newsletter's sender, so its recipients must be people
staff trust, not whatever an account typed as its e-mail. `VerifiedAddress` records that a staff
member confirmed a signed link mailed to their account's address; it counts only while the
account still has that address, so changing the e-mail adds no recipient until it is confirmed
again. The other recipients are the addresses staff list in the newsletter settings.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.models.subscribers import EMAIL_MAX_LENGTH


class VerifiedAddress(models.Model):
    """A staff account's e-mail address, confirmed through a link mailed to it.

    Its model permission `send_test` is who may send tests at all: communications staff have
    it, partner translators do not (they preview the e-mail in the browser instead).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verified_test_address",
    )
    email = models.CharField(max_length=EMAIL_MAX_LENGTH)
    verified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verified test address")
        verbose_name_plural = _("verified test addresses")
        default_permissions = ()
        permissions = [("send_test", "Can send tests of newsletter issues")]

    def __str__(self) -> str:
        return self.email
