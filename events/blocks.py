from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class SessionBlock(blocks.StructBlock):
    """One item of a meetup's agenda, at a local time of the event's day."""

    time = blocks.TimeBlock(label=_("time"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    speaker = blocks.CharBlock(label=_("speaker"), required=False, max_length=200)
    room = blocks.CharBlock(label=_("room"), required=False, max_length=100)

    class Meta:
        icon = "time"
        template = "events/blocks/session_block.html"
        preview_value = {
            "time": "09:30",
            "title": "Welcome and the year in the network",
            "speaker": "The secretariat",
            "room": "Main hall",
        }
        description = _("A session of the agenda: when, what, who and where.")


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock()


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=150)
    role = blocks.CharBlock(label=_("role and organisation"), required=False, max_length=200)

    class Meta:
        icon = "user"
        template = "events/blocks/speaker_block.html"
        preview_value = {"name": "Aino Virtanen", "role": "Prevention coordinator, Helsinki"}
        description = _("Someone who speaks at the meetup.")


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()
