from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import ROLE_GROUP_NAMES, Role, User


@transaction.atomic
def user_create(
    *, email: str, name: str, password: str | None, language: str = "en", verified: bool = False
) -> User:
    """Create an account; ``verified`` marks its email address as confirmed (trusted callers)."""
    from allauth.account.models import EmailAddress

    user = User(email=email, name=name, language=language)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@transaction.atomic
def user_grant_role(*, user: User, role: Role) -> None:
    """Give ``user`` a role. Only the secretariat grants roles; callers check that."""
    group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
    user.groups.add(group)
    user.__dict__.pop("_group_names", None)


@transaction.atomic
def user_revoke_role(*, user: User, role: Role) -> None:
    user.groups.remove(Group.objects.get(name=ROLE_GROUP_NAMES[role]))
    user.__dict__.pop("_group_names", None)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account and what hangs on it. Content the person wrote stays, unattributed."""
    from core.models import OutgoingEmail

    OutgoingEmail.objects.filter(to__iexact=user.email).delete()
    user.delete()


# What each role may do in the Wagtail admin beyond what page permissions give.
SECRETARIAT_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "delete_document"),
    ("charter", "focusarea", "change_focusarea"),
    ("core", "sitesettings", "change_sitesettings"),
    ("accounts", "user", "add_user"),
    ("accounts", "user", "change_user"),
    ("accounts", "user", "delete_user"),
    # Newsletter issues: written, translated and sent by the secretariat alone.
    ("newsletter", "issue", "add_issue"),
    ("newsletter", "issue", "change_issue"),
    ("newsletter", "issue", "delete_issue"),
    ("newsletter", "issue", "view_issue"),
    ("wagtail_localize", "translation", "submit_translation"),
]
COORDINATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtailimages", "image", "add_image"),
    ("wagtaildocs", "document", "add_document"),
]
SECRETARIAT_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups with their permissions (idempotent; runs after every migrate)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    def permissions(triples):
        # A permission made by another app's data migration (wagtail-localize's
        # "submit_translation") is not made again by post_migrate once a flush has emptied the
        # table: make it here rather than leave a role without it.
        found = []
        for app_label, model, codename in triples:
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            found.append(permission)
        return found

    secretariat, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
    coordinators, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role.COORDINATOR])
    secretariat.permissions.add(*permissions(SECRETARIAT_MODEL_PERMISSIONS))
    coordinators.permissions.add(*permissions(COORDINATOR_MODEL_PERMISSIONS))

    root = Page.get_first_root_node()
    if root is not None:
        for codename in SECRETARIAT_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=secretariat, page=root, permission=permission
                )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        # Coordinators upload and choose images and documents for their pages (a multiple
        # upload needs the collection permission, not only the model one).
        for codename in ("add_image", "choose_image", "add_document", "choose_document"):
            permission = Permission.objects.filter(codename=codename).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=coordinators, collection=root_collection, permission=permission
                )
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ):
            permission = Permission.objects.filter(codename=codename).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=secretariat, collection=root_collection, permission=permission
                )
