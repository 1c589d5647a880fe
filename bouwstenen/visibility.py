"""What a user may see of the building blocks, decided once for every read.

Published blocks for everyone; a member also sees their own organisations' others; an
operator (superuser) sees all. ``bouwstenen_visible_to`` filters the blocks;
``visible_condition`` is the same condition for a block reached through a relation, so
a read checks the other end of a relation on the join it makes anyway.
"""

from django.db.models import Q, QuerySet

from bouwstenen.models import Bouwsteen
from registry import permissions
from registry.models import published_condition


def visible_condition(user, path: str = "") -> Q:
    """The condition ``bouwstenen_visible_to`` filters on, for the block at ``path``
    (``"naar__"``: the other end of a relation), so a relation's other end is checked
    on the join a read makes anyway instead of in a subquery."""
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return Q()
    own = list(permissions.roles_of(user))
    visible = published_condition(path)
    if own:
        visible |= Q(**{f"{path}organisatie_id__in": own})
    return visible


def bouwstenen_visible_to(user) -> QuerySet[Bouwsteen]:
    """Published blocks for everyone; a member also sees their own organisations' others."""
    return Bouwsteen.objects.filter(visible_condition(user))
