"""What the admin views of several apps share."""

from django.core.exceptions import ValidationError


class ServiceErrorsOnFormMixin:
    """For a Wagtail create or edit view whose ``save_instance`` calls a service: a
    ``ValidationError`` the service raises (a rule across objects, which the form cannot know) is
    shown on the form like any other error, with everything typed kept, instead of a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
