# CLARINET handbook – every task an editor or developer runs. `make` alone prints this help.
# Set-up is automatic: the first target that needs Python creates .venv and installs the lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/scripts

.DEFAULT_GOAL := help
.PHONY: help serve build test test-fast check status new-chapter new-worksheet linkcheck bench system-deps lock clean

# Each target's help is "## Български | English"; the side shown follows the language of the
# editors' tools (strings.editor_language): HANDBOOK_LANG, else the locale (LC_ALL, LC_MESSAGES,
# LANG starting with "en"), else Bulgarian. Plain grep and awk: it works before Python is set up.
help: ## Тази помощ | Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' ' \
	  BEGIN { \
	    lang = tolower(substr(ENVIRON["HANDBOOK_LANG"], 1, 2)); \
	    if (lang != "bg" && lang != "en") { \
	      lang = "bg"; split("LC_ALL LC_MESSAGES LANG", names, " "); \
	      for (i = 1; i <= 3; i++) if (ENVIRON[names[i]] != "") { \
	        if (tolower(substr(ENVIRON[names[i]], 1, 2)) == "en") lang = "en"; \
	        break \
	      } \
	    } \
	    if (lang == "en") print "CLARINET handbook – make targets (на български: HANDBOOK_LANG=bg make help):"; \
	    else print "Наръчник CLARINET – команди на make (in English: HANDBOOK_LANG=en make help):"; \
	  } \
	  { \
	    text = $$2; split_at = index(text, " | "); \
	    if (split_at) text = (lang == "en") ? substr(text, split_at + 3) : substr(text, 1, split_at - 1); \
	    printf "  make %-14s %s\n", $$1, text \
	  }'

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --editable .
	@touch $@

# Preview is not strict: a broken link shows as a warning while you edit (`make build` and the
# tests are strict). PDFs are skipped for speed; HANDBOOK_PDF=1 make serve builds them too.
# The address can be changed for a container (.devcontainer sets HANDBOOK_SERVE_ADDR=0.0.0.0:8000).
HANDBOOK_SERVE_ADDR ?= 127.0.0.1:8000
serve: $(INSTALLED) ## Преглед на сайта на http://127.0.0.1:8000, обновява се при всяко записване (проблемите се показват, не спират прегледа) | Serve the site on http://127.0.0.1:8000 with live reload (problems are listed, never refused)
	$(VENV)/bin/mkdocs serve --dev-addr $(HANDBOOK_SERVE_ADDR) --livereload --no-strict

# Built into a fresh folder first: site/ is replaced only by a build that passed every check, so a
# failed or interrupted build never leaves a half-built site where a deployment would pick it up.
build: $(INSTALLED) ## Изграждане на целия сайт в site/ с всички проверки (старото копие се заменя само ако изграждането мине) | Strict build of the whole site into site/ (replaced only when the build passes)
	@rm -rf .site-build
	$(VENV)/bin/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	@rm -rf site && mv .site-build site

check: $(INSTALLED) ## Всички бързи проверки (без браузър) в реда, в който да ги поправяте; поправя каквото може, освен в CI | Every fast check (no browser) in the order to fix them; fixes what it can, except in CI
	$(PY) -m handbook check

status: $(INSTALLED) ## Докъде е преводът на всяка страница и работен лист (STATUS_FLAGS=--markdown за CI) | Translation status of every page and worksheet (STATUS_FLAGS=--markdown for CI)
	@$(PY) -m handbook status $(STATUS_FLAGS)

new-chapter: $(INSTALLED) ## Нова глава на двата езика: SLUG=media-literacy TITLE_BG="…" TITLE_EN="…" | New chapter in both languages: SLUG=media-literacy TITLE_BG="…" TITLE_EN="…"
	$(PY) -m handbook new-chapter "$(SLUG)" --title-bg "$(TITLE_BG)" --title-en "$(TITLE_EN)"

new-worksheet: $(INSTALLED) ## Нов работен лист: SLUG=media-monitoring TITLE_BG="…" TITLE_EN="…" CHAPTER=05-working-with-media | New worksheet: SLUG=media-monitoring TITLE_BG="…" TITLE_EN="…" CHAPTER=05-working-with-media
	$(PY) -m handbook new-worksheet "$(SLUG)" --title-bg "$(TITLE_BG)" --title-en "$(TITLE_EN)" --chapter "$(CHAPTER)"

linkcheck: $(INSTALLED) ## Проверка на външните връзки (нужен е интернет; без него казва това и спира успешно) | Check the external links (needs a network; says so and skips without one)
	$(PY) -m handbook linkcheck

bench: $(INSTALLED) system-deps ## Скорост и размер в сравнение с Material по подразбиране (изгражда и двете, ~5 мин.; BENCH_FLAGS=--markdown) | Speed and weight against Material's defaults (builds both, ~5 min; BENCH_FLAGS=--markdown)
	$(PY) -m devtools.bench $(BENCH_FLAGS)

system-deps: $(INSTALLED) ## Инсталиране на каквото pip не може (Chromium, Pango, шрифтове): като root чрез apt, иначе показва командата | Install what pip cannot (Chromium, Pango, fonts): as root via apt, else prints the command
	$(PY) -m handbook doctor --install

test: $(INSTALLED) system-deps ## Всички тестове (изгражда сайта веднъж, проверява HTML, файловете за изтегляне, браузъра) | Run every test (builds the site once, checks HTML, downloads, browser)
	$(PY) -m pytest

# tests/unit and tests/cli: no site build, no browser, no system packages beyond hunspell (under a minute).
test-fast: $(INSTALLED) ## Бързи тестове при промени в кода: само тестовете на функциите и на командите | Quick tests while editing code: unit and command-line tests only
	$(PY) -m pytest tests/unit tests/cli

lock: ## Ново изчисляване на requirements.lock от pyproject.toml (точни версии с контролни суми) | Re-resolve requirements.lock from pyproject.toml (exact versions with hashes)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -o requirements.lock

clean: ## Изтриване на изградения сайт и кеша (.venv остава) | Remove the built site and caches (keeps .venv)
	rm -rf site .cache .pytest_cache
