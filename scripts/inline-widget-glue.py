#!/usr/bin/env python3
"""Writes the widget's release widget.js: the loader (crates/widget/js/widget.js)
with its import of the wasm-bindgen glue replaced by the glue itself (in a
function scope, so its names stay its own) and crates/widget/js/integrity.js with
the digests of the files the loader fetches. One file, so that one `integrity`
attribute on the page's script covers all the code, and the loader checks the
rest. Fails when the glue or the loader is not in the expected shape.

Also writes PUBLISHED_MINUTES (0 unless the copy is served with a site's
published data, see crates/widget/js/widget.js).

Usage: inline-widget-glue.py LOADER GLUE INTEGRITY_JS DIGESTS_JSON OUT [PUBLISHED_MINUTES]
"""
import json
import re
import sys

loader_path, glue_path, integrity_path, digests_path, out_path = sys.argv[1:6]
published_minutes = int(sys.argv[6]) if len(sys.argv) > 6 else 0
loader = open(loader_path, encoding='utf-8').read()
glue = open(glue_path, encoding='utf-8').read()
integrity = open(integrity_path, encoding='utf-8').read()
digests = json.load(open(digests_path, encoding='utf-8'))


def fail(message):
    sys.exit(f'inline-widget-glue: {message}')


# The glue's exports: `export class|function NAME` and one `export { a, b as c };`.
exports = {}


def declaration(m):
    exports[m.group(2)] = m.group(2)
    return f'{m.group(1)} {m.group(2)}'


glue = re.sub(r'^export (class|function|async function) (\w+)', declaration, glue, flags=re.M)


def export_list(m):
    for item in m.group(1).split(','):
        parts = item.split()
        if len(parts) == 1:
            exports[parts[0]] = parts[0]
        elif len(parts) == 3 and parts[1] == 'as':
            exports[parts[2]] = parts[0]
        else:
            fail(f'unexpected export {item!r}')
    return ''


glue = re.sub(r'^export \{([^}]*)\};?[ \t]*$', export_list, glue, flags=re.M)
# Its doc comments (the Rust docs, for readers of the glue) are not shipped.
glue = re.sub(r'^[ \t]*/\*\*[\s\S]*?\*/[ \t]*\n', '', glue, flags=re.M)
glue = re.sub(r'^[ \t]*//.*\n', '', glue, flags=re.M)
if re.search(r'^\s*(import|export)\b', glue, flags=re.M):
    fail('the glue has an import or export this script does not handle')
if 'default' not in exports or 'setDataLoader' not in exports:
    fail(f'the glue lacks init or setDataLoader: {sorted(exports)}')
namespace = ', '.join(f'{name}: {local}' for name, local in exports.items())
inlined_glue = f'const glue = (() => {{\n{glue.strip()}\nreturn {{ {namespace} }};\n}})();\n'

placeholder = 'const INTEGRITY = {}; // the build writes the digests here'
if integrity.count(placeholder) != 1:
    fail('integrity.js has no INTEGRITY placeholder')
integrity = integrity.replace(placeholder, f'const INTEGRITY = {json.dumps(digests)};')

# `import init, { A, b as c } from './tokenlens_widget.js';` → destructuring.
pattern = re.compile(r"^import (\w+), \{([^}]*)\} from '\./tokenlens_widget\.js';[ \t]*$", re.M)
found = pattern.findall(loader)
if len(found) != 1:
    fail('widget.js does not import the glue in one `import init, { … }` line')


def destructure(m):
    names = [f'default: {m.group(1)}']
    for item in m.group(2).split(','):
        parts = item.split()
        names.append(parts[0] if len(parts) == 1 else f'{parts[0]}: {parts[2]}')
    return (
        '// The wasm-bindgen glue, inlined by scripts/build-widget.sh, and the checks of\n'
        '// what it loads.\n'
        f'{integrity.strip()}\n\n{inlined_glue}const {{ {", ".join(names)} }} = verifiedGlue(glue);'
    )


published = 'const PUBLISHED_MINUTES = 0; // the build writes the site\'s interval here'
if loader.count(published) != 1:
    fail('widget.js has no PUBLISHED_MINUTES placeholder')
if published_minutes < 0:
    fail('PUBLISHED_MINUTES must not be negative')
loader = loader.replace(published, f'const PUBLISHED_MINUTES = {published_minutes};')

open(out_path, 'w', encoding='utf-8').write(pattern.sub(destructure, loader))
