// Strings for Django's JavaScriptCatalog (domain djangojs).
function basketLabel(n) {
  const title = gettext("Add to basket");
  const count = interpolate(ngettext("%s product", "%s products", n), [n]);
  const menu = pgettext("menu", "Open");
  return [title, count, menu].join(" ");
}
