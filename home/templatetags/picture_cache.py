"""`{% picture %}` with its HTML kept per image and arguments, tagged `image:<id>`.

Wagtail's tag looks up and unpickles every rendition of its filter specs on each render, though
its output depends only on the image and the arguments. Load it after Wagtail's library, which it
overrides for `picture` only: `{% load wagtailimages_tags picture_cache %}`.
"""

import hashlib

from django import template
from django.template import Context
from django.utils.safestring import SafeString

from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

from home.caching.dependencies import record
from home.caching.fragments import cached_fragment

register = template.Library()


class CachedPictureNode(PictureNode):
    """Wagtail's picture node, its output cached until the image changes."""

    def render(self, context: Context) -> str | SafeString:
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        attrs = sorted((name, str(value.resolve(context))) for name, value in self.attrs.items())
        # The key names an image that exists and a hash of arguments written in our templates
        # (filter specs, sizes, alt text from content): visitors cannot choose new keys.
        arguments = repr((self.filter_specs, attrs)).encode()
        digest = hashlib.blake2b(arguments, digest_size=12).hexdigest()

        def render_now() -> str:
            record(f"image:{image.pk}")
            return PictureNode.render(self, context)

        return cached_fragment(("picture", str(image.pk), digest), render_now)


@register.tag
def picture(parser: template.base.Parser, token: template.base.Token) -> CachedPictureNode:
    """`{% picture image format-{avif,webp,jpeg} fill-{400x225,800x450} sizes="…" alt="" %}`."""
    node = parse_image_tag(parser, token)
    return CachedPictureNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )
