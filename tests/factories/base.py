import factory


class ServiceFactory(factory.django.DjangoModelFactory):
    """A factory whose rows are made by one of the portal's services, called with the factory's
    fields as its keyword arguments: the tests arrange their data as production writes it."""

    class Meta:
        abstract = True

    @staticmethod
    def service(**fields):
        raise NotImplementedError("A factory names its service: service = staticmethod(...)")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls.service(**kwargs)
