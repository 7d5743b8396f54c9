"""The worksheet forms and the chapter checklists in Chromium: every field type can be filled in,
the answers come back after a reload and go when deleted, print shows the answers without the
controls, answers travel in a file (and a wrong file is refused, an older one moved over with a
report), copy as text, no request while typing, and a checklist tick survives a reload.
(The markup itself: templates/worksheet_form.html, form_fields.html; the script:
overrides/assets/javascripts/worksheet-form.js and checklists.js.)"""

from __future__ import annotations

import json

import pytest

from handbook.sources.worksheets import FIELD_TYPES
from support import VENDOR

AXE = VENDOR / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                          resultTypes: ["violations"]});
  return result.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")}`));
}"""

# Between them these two worksheets have a field of every type.
SHEETS = {"w06-interview-preparation": "W6", "w11-informed-consent": "W11"}
PHONE = {"width": 390, "height": 844}
CHECKLIST_PAGE = "/en/chapters/06-social-media/"

# The answers of the form as the script keeps them ({field id: value}), read from the controls.
READ = """() => {
  const out = {};
  for (const box of document.querySelectorAll("[data-wf-field]")) {
    const id = box.dataset.wfField, type = box.dataset.wfType;
    if (type === "text" || type === "date" || type === "long_text") out[id] = box.querySelector("[data-wf-input]").value;
    else if (type === "checkboxes") out[id] = [...box.querySelectorAll("input:checked")].map(i => Number(i.value));
    else if (type === "radio" || type === "rating") out[id] = [...box.querySelectorAll("input:checked")].map(i => Number(i.value));
    else if (type === "signature") out[id] = [...box.querySelectorAll("input")].map(i => i.value);
    else if (type === "table") out[id] = [...box.querySelectorAll("tbody tr")].map(tr => [...tr.querySelectorAll("input.wf-input")].map(i => i.value));
  }
  return out;
}"""
STORED = """() => Object.keys(localStorage).filter(k => k.startsWith("handbook-worksheet:") || k.startsWith("handbook-checklist:"))"""


def open_page(browser, server, path, **options):
    context = browser.new_context(viewport=PHONE, accept_downloads=True, **options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + path, wait_until="load")
    page.wait_for_selector("[data-wf-tools]:not([hidden]), .handbook-check", state="attached")
    return context, page, errors


def sheet_path(slug: str, lang: str = "en") -> str:
    return f"/{'en/' if lang == 'en' else ''}worksheets/{slug}/"


def fill_every_field(page) -> set[str]:
    """Fill in every field of the form, as a reader does (typing, clicking, a table row added);
    return the field types met."""
    types = set()
    for box in page.locator("[data-wf-field]").all():
        kind, field = box.get_attribute("data-wf-type"), box.get_attribute("data-wf-field")
        types.add(kind)
        if kind in ("text", "long_text"):
            box.locator("[data-wf-input]").fill(f"{field}: отговор" + ("\nвтори ред" if kind == "long_text" else ""))
        elif kind == "date":
            box.locator("[data-wf-input]").fill("01.12.2026")
        elif kind == "checkboxes":
            box.locator("input").first.check()
            box.locator("input").last.check()
        elif kind in ("radio", "rating"):
            box.locator("input").nth(1).check()
        elif kind == "signature":
            box.locator("[data-wf-part=name]").fill("Мария Иванова")
            box.locator("[data-wf-part=date]").fill("01.12.2026")
        elif kind == "table":
            rows = box.locator("tbody tr").count()
            box.locator("tbody tr").first.locator("input.wf-input").first.fill("first row")
            box.locator("[data-wf-add-row]").click()
            assert box.locator("tbody tr").count() == rows + 1
            new_row = box.locator("tbody tr").last
            assert new_row.locator("input.wf-input").first.evaluate("e => e === document.activeElement")
            new_row.locator("input.wf-input").last.fill("added row")
    return types


def until(page, function: str, arg=None, timeout: float = 5000) -> None:
    """Wait until `function` (JavaScript) returns a true value. Not page.wait_for_function: it
    evaluates a string, which the site's Content-Security-Policy (kept on here) refuses."""
    waited = 0
    while not page.evaluate(function, arg):
        assert waited < timeout, f"timed out waiting for {function}"
        page.wait_for_timeout(50)
        waited += 50


def blank(value) -> bool:
    """An empty answer: "", no box ticked, a signature or table of empty boxes."""
    return value == "" or (isinstance(value, list) and all(blank(item) for item in value))


def wait_status(page) -> str:
    until(page, "() => document.querySelector('[data-wf-status]').textContent.trim() !== ''")
    return page.locator("[data-wf-status]").text_content()


def wait_saved(page, expected: int = 1) -> None:
    until(page, f"n => ({STORED})().filter(k => k.startsWith('handbook-worksheet:')).length >= n", expected)
    page.wait_for_timeout(600)  # the last keystrokes are saved within 400 ms


def test_the_two_sheets_cover_every_field_type(browser, server):
    seen = set()
    for slug in SHEETS:
        context, page, errors = open_page(browser, server, sheet_path(slug))
        seen |= {box.get_attribute("data-wf-type") for box in page.locator("[data-wf-field]").all()}
        context.close()
    assert seen == set(FIELD_TYPES)


@pytest.mark.parametrize("lang", ["bg", "en"])
@pytest.mark.parametrize("slug", SHEETS)
def test_answers_come_back_after_a_reload_and_can_be_deleted(browser, server, slug, lang):
    context, page, errors = open_page(browser, server, sheet_path(slug, lang))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    fill_every_field(page)
    wait_saved(page)
    assert requests == [], f"the form sent requests: {requests}"
    assert context.cookies() == []
    answers = page.evaluate(READ)
    key = page.evaluate(STORED)[0]
    version = page.get_attribute("form.wf", "data-wf-version")
    assert key == f"handbook-worksheet:{SHEETS[slug]}:{lang}:{version}"

    page.reload(wait_until="load")
    assert page.evaluate(READ) == answers
    assert wait_status(page)  # "Your answers saved on … are back"

    page.once("dialog", lambda dialog: dialog.dismiss())  # "Delete…?" – No: nothing happens
    page.click("[data-wf-action=delete]")
    assert page.evaluate(READ) == answers
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-wf-action=delete]")
    assert page.evaluate(STORED) == []
    emptied = page.evaluate(READ)
    assert all(blank(value) for value in emptied.values()), emptied
    page.reload(wait_until="load")
    assert page.evaluate(READ) == emptied
    assert not errors
    context.close()


def test_table_rows_are_added_and_removed_with_the_keyboard(browser, server):
    context, page, errors = open_page(browser, server, sheet_path("w06-interview-preparation", "bg"))
    table = page.locator(".wf-field--table").first
    rows = table.locator("tbody tr")
    start = rows.count()
    table.locator("[data-wf-add-row]").focus()
    page.keyboard.press("Enter")
    assert rows.count() == start + 1
    page.keyboard.type("нов ред")  # the focus is in the new row's first box
    assert rows.last.locator("input.wf-input").first.input_value() == "нов ред"
    assert rows.last.locator("input.wf-input").first.get_attribute("aria-label").endswith(f"ред {start + 1}")
    remove = rows.nth(0).locator("[data-wf-remove-row]")
    assert remove.get_attribute("aria-label") == "Премахване на ред 1"
    remove.focus()
    page.keyboard.press("Enter")
    assert rows.count() == start
    # the focus moves to the row that took its place, and every row is renumbered
    assert rows.nth(0).locator("input.wf-input").first.evaluate("e => e === document.activeElement")
    assert rows.last.locator("[data-wf-remove-row]").get_attribute("aria-label") == f"Премахване на ред {start}"
    assert "1" in wait_status(page)  # "Ред 1 е премахнат."
    assert not errors
    context.close()


def test_print_shows_the_answers_and_hides_the_controls(browser, server):
    context, page, errors = open_page(browser, server, sheet_path("w06-interview-preparation"))
    long_answer = " ".join(["A long answer that must not be cut off on paper."] * 12)
    page.locator(".wf-field--long_text [data-wf-input]").first.fill(long_answer)
    page.locator(".wf-field--text [data-wf-input]").first.fill("Short answer")
    page.locator(".wf-field--rating input").nth(2).check()
    page.locator(".wf-field--table tbody input.wf-input").first.fill("In a table cell")
    page.emulate_media(media="print")
    for hidden in ("[data-wf-tools]", "[data-wf-add-row]", "#downloads", "#training-use", "#fill-in",
                   ".wf-privacy", ".md-header", ".md-sidebar"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator("article h1").is_visible()
    assert page.locator("#instructions").is_visible()
    assert not page.locator("[data-wf-remove-row]:visible").count()
    # Each answer is printed in full, in a box that grows with it; the boxes to type in are not.
    printed = page.locator(".wf-print:visible")
    texts = printed.all_text_contents()
    for answer in (long_answer, "Short answer", "In a table cell"):
        assert answer in texts
    long_box = page.locator(".wf-field--long_text .wf-print").first
    assert long_box.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), "the long answer is cut off"
    assert not page.locator("textarea.wf-input:visible").count()
    rating = page.locator(".wf-field--rating input").nth(2)
    assert rating.is_visible() and rating.is_checked()
    # A tick box left of its label, 4.5 mm (17 px) as in the PDF.
    box, label = rating.bounding_box(), page.locator(".wf-field--rating label").nth(2).bounding_box()
    assert box["x"] + box["width"] <= label["x"] and 15 <= box["width"] <= 19
    assert not errors
    context.close()


def test_answers_saved_to_a_file_open_in_a_fresh_browser(browser, server, tmp_path):
    context, page, errors = open_page(browser, server, sheet_path("w11-informed-consent"))
    fill_every_field(page)
    answers = page.evaluate(READ)
    with page.expect_download() as download:
        page.click("[data-wf-action=save]")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("w11-informed-consent-en-answers-") and path.suffix == ".json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["worksheet"] == "W11" and data["language"] == "en" and data["saved"]
    assert data["version"] == page.get_attribute("form.wf", "data-wf-version")
    context.close()

    fresh, page, errors = open_page(browser, server, sheet_path("w11-informed-consent"))
    assert page.evaluate(STORED) == []
    page.set_input_files("[data-wf-file]", str(path))
    wait_status(page)
    assert page.evaluate(READ) == answers
    assert "W11" not in page.locator("[data-wf-status]").text_content()  # "The answers from the file … are in the form."
    wait_saved(page)  # and they are kept in this browser from now on
    assert not errors
    fresh.close()


def test_a_file_for_another_worksheet_or_no_answers_file_is_refused(browser, server, tmp_path):
    other = tmp_path / "w06.json"
    other.write_text(json.dumps({"format": "clarinet-handbook-worksheet-answers", "format_version": 1,
                                 "worksheet": "W6", "language": "en", "version": "x", "saved": "2026-12-01",
                                 "answers": {"interviewer": "someone"}}), encoding="utf-8")
    junk = tmp_path / "notes.json"
    junk.write_text("{not json", encoding="utf-8")
    context, page, errors = open_page(browser, server, sheet_path("w11-informed-consent"))
    page.locator(".wf-field--text [data-wf-input]").first.fill("mine")
    before = page.evaluate(READ)
    status = page.locator("[data-wf-status]")
    page.set_input_files("[data-wf-file]", str(other))
    until(page, "() => document.querySelector('[data-wf-status]').textContent.includes('W6')")
    assert "W11" in status.text_content()
    assert page.evaluate(READ) == before
    page.set_input_files("[data-wf-file]", str(junk))
    until(page, "() => !document.querySelector('[data-wf-status]').textContent.includes('W6') && "
                "document.querySelector('[data-wf-status]').textContent.trim() !== ''")
    assert page.evaluate(READ) == before
    assert not errors
    context.close()


def test_an_older_version_is_moved_over_and_the_rest_reported(browser, server, tmp_path):
    context, page, errors = open_page(browser, server, sheet_path("w11-informed-consent"))
    text_field = page.locator(".wf-field--text").first.get_attribute("data-wf-field")
    old = tmp_path / "old.json"
    old.write_text(json.dumps({
        "format": "clarinet-handbook-worksheet-answers", "format_version": 1, "worksheet": "W11",
        "language": "en", "version": "00000000", "saved": "2025-05-01T10:00:00Z",
        "labels": {text_field: "1. Kept", "retired-field": "7. A question no longer asked"},
        "answers": {text_field: "still here", "retired-field": "lost answer"}}), encoding="utf-8")
    page.set_input_files("[data-wf-file]", str(old))
    wait_status(page)
    assert page.locator(f"[data-wf-field={text_field}] [data-wf-input]").input_value() == "still here"
    assert "A question no longer asked" in page.locator("[data-wf-status]").text_content()

    # Answers kept in the browser for an older version come back the same way.
    page.evaluate("""id => {
      for (const k of Object.keys(localStorage)) localStorage.removeItem(k);
      localStorage.setItem("handbook-worksheet:W11:en:00000000", JSON.stringify({version: "00000000",
        saved: "2025-05-01T10:00:00Z", labels: {"retired-field": "7. Gone"}, answers: {[id]: "from before", "retired-field": "x"}}));
    }""", text_field)
    page.reload(wait_until="load")
    assert page.locator(f"[data-wf-field={text_field}] [data-wf-input]").input_value() == "from before"
    assert "Gone" in page.locator("[data-wf-status]").text_content()
    assert not errors
    context.close()


def test_copy_as_text(browser, server):
    context, page, errors = open_page(browser, server, sheet_path("w06-interview-preparation"))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.click("[data-wf-action=copy]")
    assert wait_status(page)  # "There are no answers yet."
    box = page.locator(".wf-field--text").first
    box.locator("[data-wf-input]").fill("Radio Burgas")
    page.locator(".wf-field--table tbody input.wf-input").first.fill("a cell")
    page.click("[data-wf-action=copy]")
    until(page, "() => document.querySelector('[data-wf-status]').textContent.includes(':')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("W6. ")
    assert f"{box.get_attribute('data-wf-label')}: Radio Burgas" in text
    assert "a cell" in text
    assert page.get_attribute("[data-wf-status]", "role") == "status"
    assert not errors
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filled_form_has_no_wcag_violations(browser, server, scheme):
    context, page, errors = open_page(browser, server, sheet_path("w06-interview-preparation"),
                                      color_scheme=scheme, bypass_csp=True)
    fill_every_field(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "wider than a phone"
    assert not errors
    context.close()


def test_a_chapter_checklist_tick_survives_a_reload_and_prints(browser, server):
    context, page, errors = open_page(browser, server, CHECKLIST_PAGE)
    boxes = page.locator("article .task-list-control input[type=checkbox]")
    assert boxes.count() > 1
    assert not boxes.first.is_disabled()
    # A tap on the round box Material draws (the check box itself is invisible above it).
    circle = page.locator("article .task-list-control").nth(1).evaluate("""label => {
      const before = getComputedStyle(label.querySelector(".task-list-indicator"), "::before");
      label.scrollIntoView({block: "center"});
      const s = label.querySelector(".task-list-indicator").getBoundingClientRect();
      return {x: s.left + parseFloat(before.left) + parseFloat(before.width) / 2,
              y: s.top + parseFloat(before.top) + parseFloat(before.height) / 2};
    }""")
    page.mouse.click(circle["x"], circle["y"])
    assert boxes.nth(1).is_checked()
    boxes.first.focus()  # and the keyboard: Space ticks and unticks
    page.keyboard.press("Space")
    assert boxes.first.is_checked()
    page.keyboard.press("Space")
    page.reload(wait_until="load")
    assert boxes.nth(1).is_checked() and not boxes.first.is_checked()
    assert page.evaluate(STORED) and context.cookies() == []
    page.emulate_media(media="print")
    ticked = page.locator("article .task-list-control").nth(1).locator(".task-list-indicator")
    colour = ticked.evaluate("e => getComputedStyle(e, '::before').backgroundColor")
    assert colour == "rgb(0, 0, 0)"
    assert not errors
    context.close()
