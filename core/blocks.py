from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"heading": "Safe cities for everyone", "level": "h2"}
        description = _("A section heading.")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = _("An image with required alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "We shine a light on life in our cities instead of focusing on fear.",
            "attribution": "Dagfinn Høybråten",
        }
        description = _("A quotation with its source.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of most pages: text, headings, images and quotes."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
        preview_value="<p>Cities share what works against radicalisation and hate.</p>",
        description=_("Paragraphs of text with links and lists."),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
