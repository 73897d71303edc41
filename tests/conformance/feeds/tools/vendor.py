"""
One-off tool (not run by the tests): vendors the reference projects' own test
cases into tests/conformance/feeds/. Run from the repository root with
`/usr/bin/python3 tests/conformance/feeds/tools/vendor.py <feedparser checkout> <miniflux checkout>`.

Expected answers are read from the references' test sources (feedparser's
`Expect:` lines and date-parser assertions, Miniflux's Go test assertions),
never from the plugin.
"""
import ast, json, os, re, shutil, sys, time, calendar

FP, MF = sys.argv[1], sys.argv[2]
OUT = 'tests/conformance/feeds'

# ---------- feedparser: dates -------------------------------------------
src = open(os.path.join(FP, 'tests/test_date_parsers.py')).read()
tree = ast.parse(src)
dates = []
for node in ast.walk(tree):
    if isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'parametrize':
        if ast.literal_eval(node.args[0]) != 'parse_date, input_value, expected_value':
            continue
        for i, elt in enumerate(node.args[1].elts):
            fn = elt.elts[0].id
            value = ast.literal_eval(elt.elts[1])
            expected = ast.literal_eval(elt.elts[2])
            iso = None
            if expected is not None:
                # feedparser answers a UTC struct_time; year < 1000 is kept as written
                y, mo, d, h, mi, s = expected[:6]
                iso = '%04d-%02d-%02dT%02d:%02d:%02dZ' % (y, mo, d, h, mi, s)
            dates.append({'id': 'feedparser/%s/%d' % (fn, i), 'parser': fn, 'input': value, 'expected': iso,
                          'line': elt.lineno})

# ---------- Miniflux: dates ------------------------------------------------
go = open(os.path.join(MF, 'internal/reader/date/parser_test.go')).read()
for m in re.finditer(r'func (Test\w+)\(t \*testing\.T\) \{(.*?)\n\}', go, re.S):
    name, body = m.group(1), m.group(2)
    line = go[:m.start()].count('\n') + 1
    single = re.search(r'Parse\("((?:[^"\\]|\\.)*)"\)', body)
    ts = re.search(r'expectedTS := int64\((\d+)\)', body)
    if single and ts:
        dates.append({'id': 'miniflux/%s' % name, 'parser': 'Parse', 'input': json.loads('"%s"' % single.group(1)),
                      'expected': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(int(ts.group(1)))), 'line': line})
    elif single and 'err == nil' in body:
        dates.append({'id': 'miniflux/%s' % name, 'parser': 'Parse', 'input': json.loads('"%s"' % single.group(1)),
                      'expected': None, 'line': line})
    else:
        lst = re.search(r'(?:dates|inputs) := \[\]string\{(.*?)\n\t\}', body, re.S)
        if lst:
            for i, s in enumerate(re.findall(r'"((?:[^"\\]|\\.)*)"', lst.group(1))):
                # these tests only assert that the date is read (no expected instant is given)
                dates.append({'id': 'miniflux/%s/%d' % (name, i), 'parser': 'Parse', 'input': json.loads('"%s"' % s),
                              'expected': 'any', 'line': line})
json.dump(dates, open(os.path.join(OUT, 'dates.json'), 'w'), indent=1, ensure_ascii=False)

# ---------- Miniflux: encodings ---------------------------------------------
go = open(os.path.join(MF, 'internal/reader/encoding/encoding_test.go')).read()
enc = []
os.makedirs(os.path.join(OUT, 'miniflux-encoding'), exist_ok=True)
for m in re.finditer(r'func (Test\w+)\(t \*testing\.T\) \{(.*?)\n\}', go, re.S):
    name, body = m.group(1), m.group(2)
    f = re.search(r'file := "testdata/([^"]+)"', body)
    exp = re.search(r'expectedUnicodeString := "([^"]+)"', body)
    if not f or not exp:
        continue  # the KOI8-R tests build their input in Go; covered by koi8r.xml below when present
    label = re.search(r'CharsetReader\("([^"]*)", f\)', body)
    ctype = re.search(r'NewCharsetReader\(f, "([^"]*)"\)', body)
    shutil.copy(os.path.join(MF, 'internal/reader/encoding/testdata', f.group(1)), os.path.join(OUT, 'miniflux-encoding', f.group(1)))
    enc.append({'id': 'miniflux/%s' % name, 'file': f.group(1),
                'prolog': label.group(1) if label else None, 'contentType': ctype.group(1) if ctype else None,
                'contains': exp.group(1)})
json.dump(enc, open(os.path.join(OUT, 'miniflux-encoding.json'), 'w'), indent=1, ensure_ascii=False)

# ---------- Miniflux: autodiscovery ------------------------------------------
go = open(os.path.join(MF, 'internal/reader/subscription/finder_test.go')).read()
finder = []
for m in re.finditer(r'func (TestParseWebPage\w+)\(t \*testing\.T\) \{(.*?)\n\}', go, re.S):
    name, body = m.group(1), m.group(2)
    page = re.search(r'htmlPage := `(.*?)`', body, re.S)
    base = re.search(r'findSubscriptionsFromWebPage\("([^"]+)", doc\)', body)
    count = re.search(r'len\(subscriptions\) != (\d+)', body)
    if not (page and base and count):
        continue
    fields = [{'index': int(i), 'field': f.lower(), 'expected': v}
              for i, f, v in re.findall(r'subscriptions\[(\d+)\]\.(Title|URL|Type) != "([^"]*)"', body)]
    finder.append({'id': 'miniflux/%s' % name, 'html': page.group(1), 'pageUrl': base.group(1), 'count': int(count.group(1)),
                   'fields': fields})
json.dump(finder, open(os.path.join(OUT, 'miniflux-discovery.json'), 'w'), indent=1, ensure_ascii=False)

# ---------- feedparser: well-formed feeds and encodings -----------------
def text_of(data):
    # feedparser's tests/helpers.py get_file_contents
    for prefix, codec, skip in ((b'\x00\x00\xfe\xff', 'utf-32be', 0), (b'\xff\xfe\x00\x00', 'utf-32le', 0),
                                (b'\x00\x00\x00\x3c', 'utf-32be', 0), (b'\x3c\x00\x00\x00', 'utf-32le', 0),
                                (b'\x00\x3c\x00\x3f', 'utf-16be', 0), (b'\x3c\x00\x3f\x00', 'utf-16le', 0)):
        if data.startswith(prefix):
            return data.decode(codec)
    if data[:2] == b'\xfe\xff' and data[2:4] != b'\x00\x00':
        return data[2:].decode('utf-16be')
    if data[:2] == b'\xff\xfe' and data[2:4] != b'\x00\x00':
        return data[2:].decode('utf-16le')
    if data[:3] == b'\xef\xbb\xbf':
        return data[3:].decode('utf-8', 'ignore')
    return data.decode('utf-8', 'ignore')

MAPPED = {
    ('feed', 'title'), ('feed', 'link'),
    ('entry', 'title'), ('entry', 'link'), ('entry', 'author'),
    ('entry', 'published_parsed'), ('entry', 'updated_parsed'), ('entry', 'created_parsed'),
    ('entry', 'content.value'), ('entry', 'summary'), ('entry', 'description'),
    ('doc', 'encoding'),
}

def path_of(node):
    """entries[0]['content'][0]['value'] / entries[0].title -> ('entry', 0, 'content.value')"""
    parts = []
    while True:
        if isinstance(node, ast.Subscript):
            parts.append(ast.literal_eval(node.slice))
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        else:
            return None
    parts.reverse()
    if parts[0] == 'entries' and len(parts) >= 3 and isinstance(parts[1], int):
        rest = [p for p in parts[2:] if not isinstance(p, int)]
        return ('entry', parts[1], '.'.join(rest))
    if parts[0] == 'feed' and len(parts) >= 2:
        return ('feed', 0, '.'.join(str(p) for p in parts[1:]))
    if parts == ['encoding']:
        return ('doc', 0, 'encoding')
    return None

def clauses(expr):
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.And):
        for v in expr.values:
            yield from clauses(v)
    else:
        yield expr

fp_cases = []
headers_re = re.compile(r'^Header:\s+([^:]+):(.*)$', re.M)
for d in ['wellformed/base', 'wellformed/rss', 'wellformed/atom', 'wellformed/atom10', 'wellformed/itunes', 'wellformed/rdf', 'encoding']:
    folder = os.path.join(FP, 'tests', d)
    for fname in sorted(os.listdir(folder)):
        if not fname.endswith('.xml'):
            continue
        data = open(os.path.join(folder, fname), 'rb').read()
        text = text_of(data)
        m = re.search(r'Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->', text)
        if not m:
            continue
        try:
            expr = ast.parse(m.group(2).strip(), mode='eval').body
        except SyntaxError:
            continue
        asserts = []
        for c in clauses(expr):
            if not (isinstance(c, ast.Compare) and len(c.ops) == 1 and isinstance(c.ops[0], ast.Eq)):
                continue
            p = path_of(c.left)
            if not p or (p[0], p[2]) not in MAPPED:
                continue
            try:
                value = ast.literal_eval(c.comparators[0])
            except ValueError:
                continue
            if p[2].endswith('_parsed'):
                if not isinstance(value, tuple):
                    continue
                value = '%04d-%02d-%02dT%02d:%02d:%02dZ' % value[:6]
            if not isinstance(value, str):
                continue
            asserts.append({'scope': p[0], 'index': p[1], 'field': p[2], 'expected': value})
        if not asserts:
            continue
        rel = '%s/%s' % (d, fname)
        os.makedirs(os.path.join(OUT, 'feedparser', d), exist_ok=True)
        shutil.copy(os.path.join(folder, fname), os.path.join(OUT, 'feedparser', rel))
        headers = {k.strip().lower(): v.strip() for k, v in headers_re.findall(text)} if fname.startswith('http') else {}
        for i, a in enumerate(asserts):
            fp_cases.append({'id': 'feedparser/%s#%d' % (rel, i), 'file': rel, 'description': m.group(1).strip(),
                             'contentType': headers.get('content-type'), 'contentLocation': headers.get('content-location'), **a})
json.dump(fp_cases, open(os.path.join(OUT, 'feedparser-cases.json'), 'w'), indent=1, ensure_ascii=False)
print(len(dates), 'dates;', len(enc), 'miniflux encodings;', len(finder), 'miniflux discovery;', len(fp_cases), 'feedparser assertions')
