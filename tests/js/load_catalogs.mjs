// Load locpipe's JSON for one locale with gettext.js, Jed and i18next, look up
// each probe and print what every library returned, as JSON.
// usage: node load_catalogs.mjs DIR DOMAIN   (DIR = <locales>/<locale>/LC_MESSAGES)
import fs from "node:fs";
import path from "node:path";
import gettextjs from "gettext.js";
import i18next from "i18next";
import Jed from "jed";

const [dir, domain] = process.argv.slice(2);
const read = (suffix) => JSON.parse(fs.readFileSync(path.join(dir, domain + suffix), "utf8"));

// gettext.js reads the default format with this one line (see README).
const d = read(".json");
const gt = gettextjs();
gt.loadJSON({ "": { language: d.locale, "plural-forms": d.plural_forms }, ...d.messages }, d.domain);
gt.setLocale(d.locale);
gt.textdomain(d.domain);

// Jed reads `--format jed` as it is.
const jed = new Jed(read(".jed.json"));

// i18next reads `--format i18next` as one namespace, keyed by the English text,
// and falls back to the English resource locpipe writes beside it (en/).
const lng = d.locale.replaceAll("_", "-");
const english = JSON.parse(
  fs.readFileSync(path.join(dir, "..", "..", "en", "LC_MESSAGES", domain + ".i18next.json"), "utf8"),
);
await i18next.init({
  lng,
  fallbackLng: "en",
  resources: { [lng]: { [domain]: read(".i18next.json") }, en: { [domain]: english } },
  ns: [domain],
  defaultNS: domain,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

const results = {
  "gettext.js": {
    singular: gt.gettext("Open file"),
    context: gt.pgettext("menu", "Open"),
    plural1: gt.ngettext("%1 file", "%1 files", 1, 1),
    plural2: gt.ngettext("%1 file", "%1 files", 2, 2),
    placeholders: gt.gettext("Hello %1, you have %2 messages", "Mina", 3),
  },
  jed: {
    singular: jed.gettext("Open file"),
    context: jed.pgettext("menu", "Open"),
    plural1: Jed.sprintf(jed.ngettext("%1 file", "%1 files", 1).replace("%1", "%d"), 1),
    plural2: Jed.sprintf(jed.ngettext("%1 file", "%1 files", 2).replace("%1", "%d"), 2),
    placeholders: Jed.sprintf(jed.gettext("Saved %s of %d files"), "3", 5),
  },
  i18next: {
    singular: i18next.t("Open file"),
    context: i18next.t("Open", { context: "menu" }),
    plural1: i18next.t("{{count}} photo", { count: 1 }),
    plural2: i18next.t("{{count}} photo", { count: 2 }),
    placeholders: i18next.t("Welcome, {{name}}!", { name: "Mina" }),
  },
};
console.log(JSON.stringify(results));
