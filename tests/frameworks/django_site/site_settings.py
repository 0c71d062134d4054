"""Settings of the minimal Django site: i18n on, Korean and Simplified Chinese."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "only-for-tests"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = ["shop"]
MIDDLEWARE = ["django.middleware.locale.LocaleMiddleware"]
ROOT_URLCONF = "shop.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
DATABASES: dict[str, dict[str, str]] = {}
USE_I18N = True
LANGUAGE_CODE = "en"
# Django's own code for Simplified Chinese is zh-hans (folder zh_Hans); it
# serves Accept-Language zh-CN, zh-hans and zh with it.
LANGUAGES = [("en", "English"), ("ko", "Korean"), ("zh-hans", "Simplified Chinese")]
LOCALE_PATHS = [BASE_DIR / "locale"]
