"""PDF/UA-1 repairs of WeasyPrint's tagged output, with pikepdf: what WeasyPrint (70) cannot yet
write validly, put right after rendering, so that every PDF the site offers passes a PDF/UA-1
validator (veraPDF's rules; the tests use `page-validation`, tests/site/test_pdfua.py).

`fix(bytes) -> bytes` is called by `pdf.render` for every PDF. Each repair changes the structure
or the font maps only, never what a page shows:

- links: a link that breaks over two lines gets a second annotation, whose OBJR WeasyPrint puts
  in a NonStruct or Span below the Link element; it is moved up into that Link (PDF/UA 7.18.5), and
  a link annotation outside the structure tree gets a Link element of its own;
- lists: an L may hold only L, LI and Caption, an LI only Lbl and LBody (ISO 32000 14.8.4.3.3);
  WeasyPrint puts a paragraph of a list item (`<li><p>`) straight into the LI and the white space
  between inline list items into the L: both move into the list item's LBody;
- fonts: a font used by form fields is embedded whole and WeasyPrint maps its characters from the
  font's cmap alone, so a glyph the page shows after OpenType substitution (Sofia Sans draws
  some spaces with `space.1`, a `locl` substitute) has no Unicode value; it gets the value of the
  character it stands for. A glyph WeasyPrint maps to nothing (`<>`, the second glyph of a cluster,
  as in an Arabic font whose letters are drawn as a base and its dots) is malformed in a ToUnicode map
  and becomes U+2060 WORD JOINER, which is default-ignorable and does not change Arabic joining;
- the document: /Tabs /S on every page with annotations, DisplayDocTitle, /MarkInfo.
"""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name

EMPTY_TEXT = "\u2060"  # for a glyph that WeasyPrint maps to no text (see the module's docstring)
LIST_KIDS = {"/L": {"/L", "/LI", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}


def fix(data: bytes) -> bytes:
    """The PDF `data` with its structure and font maps repaired for PDF/UA-1."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" in root:
            tree = StructTree(pdf)
            tree.nest_links()
            tree.fix_lists()
            tree.save()
        complete_unicode_maps(pdf)
        document_settings(pdf)
        out = io.BytesIO()
        # deterministic: the same input always gives the same bytes (the downloads' cache is
        # content-addressed and ZIPs of them are reproducible)
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The structure tree


def kids(element) -> list:
    """The kids of a structure element, as a list (/K may be one object or an array)."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def set_kids(element, items: list) -> None:
    element.K = Array(items)


def is_element(obj) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") not in ("/OBJR", "/MCR") and "/S" in obj


def same(a, b) -> bool:
    if isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect and b.is_indirect:
        return a.objgen == b.objgen
    return a is b


class StructTree:
    """The structure tree with its parent tree (which element holds each marked-content sequence
    and annotation), kept in step as elements move."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        role_map = self.root.get("/RoleMap") or {}
        self.roles = {str(k): str(v) for k, v in role_map.items()}
        self.nums = {}  # parent tree key -> element (annotation) or array (page)
        tree = self.root.get("/ParentTree")
        if tree is not None:
            self._read_numbers(tree)
        self.changed = False
        self._elements = None

    def _read_numbers(self, node) -> None:
        items = node.get("/Nums") or []
        for i in range(0, len(items) - 1, 2):
            self.nums[int(items[i])] = items[i + 1]
        for kid in node.get("/Kids") or []:
            self._read_numbers(kid)

    def save(self) -> None:
        if not self.changed:
            return
        flat = Array()
        for key in sorted(self.nums):
            flat.append(key)
            flat.append(self.nums[key])
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=flat))
        self.root.ParentTreeNextKey = max(self.nums, default=-1) + 1

    def role(self, element) -> str:
        """The standard type of an element (through the role map)."""
        s = str(element.get("/S"))
        seen = set()
        while s in self.roles and s not in seen:
            seen.add(s)
            s = self.roles[s]
        return s

    def new_element(self, tag: str, parent, items: list, page=None):
        element = Dictionary(Type=Name.StructElem, S=Name("/" + tag), P=parent, K=Array())
        page = page if page is not None else parent.get("/Pg")
        if page is None:
            page = next((k.get("/Pg") for k in items if isinstance(k, Dictionary) and "/Pg" in k), None)
        if page is not None:
            element.Pg = page
        element = self.pdf.make_indirect(element)
        self.adopt(element, items)
        return element

    def adopt(self, element, items: list, at: int | None = None) -> None:
        """Make `items` kids of `element` (at index `at`, else at the end) and point their parent
        entries (structure /P, parent tree) at it."""
        current = kids(element)
        at = len(current) if at is None else at
        set_kids(element, current[:at] + list(items) + current[at:])
        for item in items:
            if is_element(item):
                item.P = element
            else:
                self.claim(element, item)
        self.changed = True

    def claim(self, element, item) -> None:
        """Record in the parent tree that `element` holds `item` (an MCID, MCR or OBJR)."""
        if isinstance(item, Dictionary) and item.get("/Type") == "/OBJR":
            annotation = item.Obj
            key = annotation.get("/StructParent")
            if key is None:
                key = max(self.nums, default=-1) + 1
                annotation.StructParent = key
            self.nums[int(key)] = element
            return
        if isinstance(item, Dictionary):  # MCR
            if "/Stm" in item:
                return  # marked content in a form XObject: its own /StructParents, untouched
            mcid, page = int(item.MCID), item.get("/Pg", element.get("/Pg"))
        else:
            mcid, page = int(item), element.get("/Pg")
        if page is None or page.get("/StructParents") is None:
            return
        holders = self.nums.get(int(page.StructParents))
        if holders is None:
            holders = self.nums[int(page.StructParents)] = self.pdf.make_indirect(Array())
        while len(holders) <= mcid:
            holders.append(None)
        holders[mcid] = element

    def elements(self) -> list:
        """Every structure element, depth first, with its chain of ancestors: walked once (the
        repairs add elements only where no later repair looks)."""
        if self._elements is None:
            self._elements = []
            stack = [(kid, ()) for kid in reversed(kids(self.root))]
            while stack:
                element, chain = stack.pop()
                if not is_element(element):
                    continue
                self._elements.append((element, chain))
                stack.extend((kid, chain + (element,)) for kid in reversed(kids(element)))
        return self._elements

    # -- links -------------------------------------------------------------------------------

    def nest_links(self) -> None:
        """Every link annotation's OBJR directly inside a Link element (PDF/UA-1 7.18.5)."""
        moves, nested = [], set()
        for element, chain in self.elements():
            for item in kids(element):
                if not (isinstance(item, Dictionary) and item.get("/Type") == "/OBJR"):
                    continue
                annotation = item.Obj
                if annotation.get("/Subtype") != "/Link":
                    continue
                nested.add(annotation.objgen)
                if self.role(element) != "/Link":
                    moves.append((element, chain, item))
        for element, chain, item in moves:
            self._remove(element, item)
            links = [i for i, ancestor in enumerate(chain) if self.role(ancestor) == "/Link"]
            if links:
                link = chain[links[-1]]
                below = chain[links[-1] + 1] if links[-1] + 1 < len(chain) else element
                position = next((i for i, kid in enumerate(kids(link)) if same(kid, below)), None)
                self.adopt(link, [item], at=position)
            else:
                self.adopt(element, [self.new_element("Link", element, [item])])
        # a link annotation the tree does not hold at all: a Link element of its own
        top = next((kid for kid in kids(self.root) if is_element(kid)), None)
        for page in self.pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                if annotation.get("/Subtype") != "/Link" or annotation.objgen in nested or top is None:
                    continue
                objr = self.pdf.make_indirect(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
                self.adopt(top, [self.new_element("Link", top, [objr], page=page.obj)])

    def _remove(self, element, item) -> None:
        set_kids(element, [kid for kid in kids(element) if not same(kid, item)])
        self.changed = True

    # -- lists -------------------------------------------------------------------------------

    def fix_lists(self) -> None:
        """L holds only L, LI and Caption; LI holds only Lbl and LBody (ISO 32000-1 14.8.4.3.3)."""
        items = [element for element, _ in self.elements() if self.role(element) == "/LI"]
        for item in items:
            self._fix_item(item)
        lists = [element for element, _ in self.elements() if self.role(element) == "/L"]
        for element in lists:
            self._fix_list(element)

    def _kind(self, item) -> str | None:
        return self.role(item) if is_element(item) else None

    def _fix_item(self, item) -> None:
        current = kids(item)
        if all(self._kind(kid) in LIST_KIDS["/LI"] for kid in current):
            return
        result, body = [], None
        for kid in current:
            kind = self._kind(kid)
            if kind == "/Lbl":
                result.append(kid)
            elif body is None and kind == "/LBody":
                body = kid
                result.append(body)
            elif body is None:
                body = self.new_element("LBody", item, [], page=kid.get("/Pg") if is_element(kid) else None)
                result.append(body)
                self._move_into(body, kid)
            else:
                self._move_into(body, kid)
        set_kids(item, result)
        self.changed = True

    def _move_into(self, body, kid) -> None:
        """Put `kid` at the end of `body`; another LBody gives its kids instead of itself."""
        if self._kind(kid) == "/LBody":
            self.adopt(body, kids(kid))
        else:
            self.adopt(body, [kid])

    def _body(self, item):
        """The LBody of a list item (made if it has none)."""
        body = next((kid for kid in kids(item) if self._kind(kid) == "/LBody"), None)
        if body is None:
            body = self.new_element("LBody", item, [])
            self.adopt(item, [body])
        return body

    def _fix_list(self, element) -> None:
        current = kids(element)
        if all(self._kind(kid) in LIST_KIDS["/L"] for kid in current):
            return
        result, pending, previous = [], [], None
        for kid in current:
            kind = self._kind(kid)
            if kind == "/LI":
                if pending:  # before the first item: the start of its body
                    self.adopt(self._body(kid), pending, at=0)
                    pending = []
                previous = kid
                result.append(kid)
            elif kind in LIST_KIDS["/L"]:
                result.append(kid)
            elif previous is not None:  # after an item (white space between inline items): its end
                self.adopt(self._body(previous), [kid])
            else:
                pending.append(kid)
        if pending:  # a list without items: one item holds it all
            item = self.new_element("LI", element, [])
            self.adopt(item, [self.new_element("LBody", item, pending)])
            result.append(item)
        set_kids(element, result)
        self.changed = True


# ---------------------------------------------------------------------------------------------
# Fonts: every character code the pages can show maps to Unicode

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def read_unicode_map(data: bytes) -> dict[int, str] | None:
    """{code: text} of a ToUnicode CMap with two-byte codes (what WeasyPrint writes), or None when
    it is written in another way (then it is left alone)."""
    if b"<0000> <ffff>" not in data.lower() and b"<0000><ffff>" not in data.lower():
        return None
    mapping = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for code, text in zip(values[0::2], values[1::2]):
            mapping[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(data):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                start, end, first = int(values[0], 16), int(values[1], 16), _utf16(values[2])
                for offset in range(end - start + 1):
                    mapping[start + offset] = first[:-1] + chr(ord(first[-1]) + offset) if first else ""
    return mapping


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", errors="replace")


def write_unicode_map(mapping: dict[int, str]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def glyph_texts(font_file: bytes) -> dict[int, str]:
    """{glyph id: text} of a TrueType font: its cmap, and every glyph OpenType substitutions reach
    from those (an alternate stands for its base, a ligature for its components)."""
    from fontTools.ttLib import TTFont
    font = TTFont(io.BytesIO(font_file), lazy=True)
    order = font.getGlyphOrder()
    names = {}
    for code, name in sorted(font.getBestCmap().items()):
        names.setdefault(name, chr(code))
    rules = []  # (input glyph names, output glyph name)
    if "GSUB" in font and font["GSUB"].table.LookupList:
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for table in lookup.SubTable:
                if lookup.LookupType == 7:
                    table = table.ExtSubTable
                if hasattr(table, "mapping") and table.LookupType == 1:
                    rules += [((a,), b) for a, b in table.mapping.items()]
                elif table.LookupType == 3:
                    rules += [((a,), b) for a, alternates in table.alternates.items() for b in alternates]
                elif table.LookupType == 4:
                    rules += [((first, *ligature.Component), ligature.LigGlyph)
                              for first, ligatures in table.ligatures.items() for ligature in ligatures]
    changed = True
    while changed:
        changed = False
        for inputs, output in rules:
            if output not in names and all(name in names for name in inputs):
                names[output] = "".join(names[name] for name in inputs)
                changed = True
    ids = {name: i for i, name in enumerate(order)}
    return {ids[name]: text for name, text in names.items() if name in ids}


def complete_unicode_maps(pdf: pikepdf.Pdf) -> None:
    """Fill the ToUnicode maps of the Type 0 fonts: nothing maps to no text, and the fonts of form
    fields (embedded whole) map every glyph that substitution reaches."""
    form = pdf.Root.get("/AcroForm")
    form_fonts = set()
    if form is not None and "/DR" in form and "/Font" in form.DR:
        form_fonts = {font.objgen for font in form.DR.Font.values()}
    done = set()
    for page in pdf.pages:
        for font in _fonts(page.obj):
            if font.objgen in done:
                continue
            done.add(font.objgen)
            _complete_font(font, whole=font.objgen in form_fonts)


def _fonts(page):
    resources = page.get("/Resources") or {}
    yield from (resources.get("/Font") or {}).values()
    for annotation in page.get("/Annots") or []:
        appearance = annotation.get("/AP") or {}
        for state in appearance.values():
            streams = [state] if isinstance(state, pikepdf.Stream) else list(state.values())
            for stream in streams:
                yield from ((stream.get("/Resources") or {}).get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from ((xobject.get("/Resources") or {}).get("/Font") or {}).values()


def _complete_font(font, whole: bool) -> None:
    if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
        return
    mapping = read_unicode_map(font.ToUnicode.read_bytes())
    if mapping is None:
        return
    changed = False
    if whole:
        descendant = font.DescendantFonts[0]
        file = descendant.get("/FontDescriptor", {}).get("/FontFile2")
        identity = descendant.get("/CIDToGIDMap", Name.Identity) == Name.Identity
        if file is not None and identity:
            for glyph, text in glyph_texts(file.read_bytes()).items():
                if not mapping.get(glyph):
                    mapping[glyph] = text
                    changed = True
    for code, text in mapping.items():
        if not text:
            mapping[code] = EMPTY_TEXT
            changed = True
    if changed:
        font.ToUnicode.write(write_unicode_map(mapping))


# ---------------------------------------------------------------------------------------------
# The document


def document_settings(pdf: pikepdf.Pdf) -> None:
    """What PDF/UA asks of the catalog and pages, whatever the renderer wrote."""
    root = pdf.Root
    preferences = root.get("/ViewerPreferences")
    if preferences is None:
        root.ViewerPreferences = preferences = Dictionary()
    preferences.DisplayDocTitle = True
    marks = root.get("/MarkInfo")
    if marks is None:
        root.MarkInfo = marks = Dictionary()
    marks.Marked = True
    for page in pdf.pages:
        if page.obj.get("/Annots"):
            page.obj.Tabs = Name.S
