/**
 * The layout of docs/design.md, checked on every file: which layer may import which, and the size a
 * reader can hold in mind (no file over 500 lines, no function over 150). Imports are read from the
 * syntax tree (rolldown's parser, the one Vite builds the dashboard with), so a string or a comment
 * that looks like an import is not one, and a dynamic `import()` or an `export ... from` is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 150;
/** Where the project's own code lives; bench/ and generated files are outside the size rules. */
const CODE_DIRS = ['src', 'web/src', 'extension/src', 'scripts', 'test'];
const GENERATED = /(^|\/)generated\/|\.gen\.ts$/;

interface SourceFile {
  /** Relative to the repository, with forward slashes. */
  file: string;
  text: string;
  /** Every module specifier it imports or re-exports, static or dynamic, resolved when relative. */
  imports: { specifier: string; resolved: string | null; line: number; typeOnly: boolean }[];
  /** Functions (declarations, expressions, arrows, methods) longer than the limit. */
  longFunctions: { line: number; lines: number }[];
  lines: number;
}

function listCode(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) {
        if (!['node_modules', 'dist', 'fixtures'].includes(e.name)) walk(rel);
      } else if (/\.(ts|tsx|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
  return out;
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function readSource(file: string): SourceFile {
  return analyse(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

function analyse(file: string, text: string): SourceFile {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const ast = parseAst(text, { lang: file.endsWith('x') ? 'tsx' : 'ts' }) as unknown as Node;
  const imports: SourceFile['imports'] = [];
  const longFunctions: SourceFile['longFunctions'] = [];
  const addImport = (source: unknown, at: number, typeOnly: boolean) => {
    const s = source as { type?: string; value?: unknown } | null;
    if (!s || s.type !== 'Literal' || typeof s.value !== 'string') return;
    const specifier = s.value;
    const resolved = specifier.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
      : null;
    imports.push({ specifier, resolved, line: lineAt(at), typeOnly });
  };
  const visit = (node: Node) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
      case 'ImportExpression':
        addImport(node.source, node.start, node.importKind === 'type' || node.exportKind === 'type');
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const lines = lineAt(node.end) - lineAt(node.start) + 1;
        if (lines > MAX_FUNCTION_LINES) longFunctions.push({ line: lineAt(node.start), lines });
        break;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && typeof v.type === 'string') visit(v);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
        visit(value as Node);
      }
    }
  };
  visit(ast);
  const lines = text.length === 0 ? 0 : newlines.length + (text.endsWith('\n') ? 0 : 1);
  return { file, text, imports, longFunctions, lines };
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || /(^|\/)testing(\/|\.ts$)/.test(file);
const inside = (resolved: string | null, dir: string) => resolved !== null && resolved.startsWith(`${dir}/`);

/** A layer rule: which files it is about, and which of their imports cross it. */
interface LayerRule {
  name: string;
  applies: (file: string) => boolean;
  crosses: (resolved: string | null) => boolean;
  /** Whether imports of types only (erased when compiled) are exempt. */
  valuesOnly?: boolean;
}

/** The pure modules the dashboard and the companion share with the product: no package, no I/O. */
const SHARED_PURE = (r: string | null) => inside(r, 'src/core/notes') || r === 'src/core/people.ts';

const RULES: LayerRule[] = [
  {
    name: 'src/core imports nothing of the project outside itself',
    applies: (f) => f.startsWith('src/core/'),
    crosses: (r) => r !== null && !inside(r, 'src/core'),
  },
  {
    name: 'src/cli and src/server reach the store only through the app',
    applies: (f) => /^src\/(cli|server)\//.test(f) && !isTest(f),
    crosses: (r) => inside(r, 'src/store'),
  },
  {
    // the store implements the app's ports: it may read their types, nothing else of the app
    name: 'src/sources and src/store never import the app (but its ports), the CLI, the server or the simulator',
    applies: (f) => /^src\/(sources|store)\//.test(f) && !isTest(f),
    crosses: (r) => /^src\/(app|cli|server|sim)\//.test(r ?? '') && r !== 'src/app/ports.ts',
  },
  {
    name: 'nothing in the product imports the simulator',
    applies: (f) => /^src\/(core|sources|store|app|server)\//.test(f) && !isTest(f),
    crosses: (r) => inside(r, 'src/sim'),
  },
  {
    name: 'web/ imports nothing from src/ but the shared, pure note-lint module',
    applies: (f) => f.startsWith('web/'),
    crosses: (r) => inside(r, 'src') && !inside(r, 'src/core/notes'),
  },
  {
    name: 'the companion imports nothing from src/ but the shared pure modules (note lint, people)',
    applies: (f) => f.startsWith('extension/'),
    crosses: (r) => inside(r, 'src') && !SHARED_PURE(r),
  },
  {
    name: 'the shared pure modules load only each other (no package, no other module: types aside)',
    applies: (f) => SHARED_PURE(f) && !isTest(f),
    crosses: (r) => !SHARED_PURE(r),
    valuesOnly: true,
  },
];

function crossings(rule: LayerRule, files: readonly SourceFile[]): string[] {
  return files
    .filter((s) => rule.applies(s.file))
    .flatMap((s) =>
      s.imports
        .filter((i) => rule.crosses(i.resolved) && !(rule.valuesOnly && i.typeOnly))
        .map((i) => `${s.file}:${i.line} imports ${i.specifier}`),
    );
}

function oversized(files: readonly SourceFile[]): string[] {
  return files
    .filter((s) => !GENERATED.test(s.file))
    .flatMap((s) => [
      ...(s.lines > MAX_FILE_LINES ? [`${s.file}: ${s.lines} lines`] : []),
      ...s.longFunctions.map((f) => `${s.file}:${f.line}: a function of ${f.lines} lines`),
    ]);
}

const sources = CODE_DIRS.flatMap(listCode).map(readSource);

describe('the layers of docs/design.md', () => {
  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_, rule) => {
    expect(crossings(rule, sources)).toEqual([]);
  });
});

describe('sizes a reader can hold in mind', () => {
  it(`no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES} (bench/ and generated code aside)`, () => {
    expect(oversized(sources)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('read every folder of the project', () => {
    for (const dir of [
      'src/core',
      'src/sources',
      'src/store',
      'src/app',
      'src/server',
      'src/cli',
      'src/sim',
      'web/src',
    ])
      expect(sources.filter((s) => s.file.startsWith(`${dir}/`)).length, dir).toBeGreaterThan(3);
  });

  it('see a crossing in every form of import, and not in a string or a comment', () => {
    const file = analyse(
      'src/core/policy/x.ts',
      [
        "import { a } from '../../app/index.ts';",
        "import type { B } from '../../store/index.ts';",
        "export * from '../../server/index.ts';",
        "export { c } from '../../sim/index.ts';",
        "const d = await import('../../cli/program.ts');",
        "import { e } from '../time.ts';",
        "import { DateTime } from 'luxon';",
        "const text = \"import { f } from '../../app/index.ts'\"; // import '../../app/x.ts'",
      ].join('\n'),
    );
    expect(crossings(RULES[0]!, [file])).toEqual([
      'src/core/policy/x.ts:1 imports ../../app/index.ts',
      'src/core/policy/x.ts:2 imports ../../store/index.ts',
      'src/core/policy/x.ts:3 imports ../../server/index.ts',
      'src/core/policy/x.ts:4 imports ../../sim/index.ts',
      'src/core/policy/x.ts:5 imports ../../cli/program.ts',
    ]);
    const web = analyse(
      'web/src/x.tsx',
      "import { lint } from '../../src/core/notes/index.ts';\nimport type { R } from '../../src/core/analytics/report.ts';",
    );
    expect(crossings(RULES[4]!, [web])).toEqual([
      'web/src/x.tsx:2 imports ../../src/core/analytics/report.ts',
    ]);
  });

  it('see a long file and a long function', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const long = analyse(
      'src/app/x.ts',
      `export function f() {\n${body}\n}\nconst g = () => {\n  return 1;\n};\n`,
    );
    expect(oversized([long])).toEqual([`src/app/x.ts:1: a function of ${MAX_FUNCTION_LINES + 2} lines`]);
    const filler = Array.from({ length: MAX_FILE_LINES + 1 }, (_, i) => `export const v${i} = ${i};`).join(
      '\n',
    );
    expect(oversized([analyse('src/app/y.ts', filler)])).toEqual([
      `src/app/y.ts: ${MAX_FILE_LINES + 1} lines`,
    ]);
    expect(oversized([analyse('web/src/generated/api.ts', filler)])).toEqual([]);
  });
});
