"""The minimal Flask-Babel app of the framework tests."""

from flask import Flask, render_template, request
from flask_babel import Babel, gettext

#: What the app offers. Flask-Babel parses the choice with Babel, which turns
#: zh_CN (and zh_Hans_CN) into zh_Hans_CN: the folder locpipe's flask-babel
#: layout writes. werkzeug's matcher matches zh-CN and zh to zh_CN and
#: zh-Hans-CN to zh_Hans_CN, but zh-Hans to nothing short of zh_Hans, which
#: Babel would look for in zh_Hans/; so zh_Hans is offered and read as zh_CN.
OFFERED = ["en", "ko", "zh_CN", "zh_Hans_CN", "zh_Hans"]
ALIASES = {"zh_Hans": "zh_CN"}


def select_locale() -> str | None:
    chosen = request.args.get("lang") or request.accept_languages.best_match(OFFERED)
    return ALIASES.get(chosen, chosen) if chosen else None


app = Flask(__name__)
babel = Babel(app, locale_selector=select_locale)


@app.route("/")
def index() -> str:
    n = int(request.args.get("n", "1"))
    greeting = gettext("Hello, %(name)s!", name="Mina")
    return render_template("index.html", n=n, greeting=greeting)
