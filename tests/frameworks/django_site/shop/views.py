from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class OrderForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def index(request):
    n = int(request.GET.get("n", "1"))
    form = OrderForm(data={})
    form.is_valid()  # Django's own message: "This field is required."
    waiting = ngettext("%(count)d order is waiting.", "%(count)d orders are waiting.", n) % {
        "count": n
    }
    context = {"title": _("Welcome to our shop"), "form": form, "n": n, "waiting": waiting}
    return render(request, "shop/index.html", context)
