/**
 * Lists every function, method and arrow function in src/ and web/src/ longer than the charter's
 * limit (70 lines), measured as the TypeScript compiler sees it: from the line the function starts
 * on to the line it ends on, both included.
 *
 * Route registrations are left out: in a `*-routes.ts` file, a function that registers routes
 * (it contains a call such as `scope.get('/path', …)`) is a table of routes, not logic. The
 * handlers inside it are still measured.
 *
 * Usage: npx tsx scripts/long-functions.ts [limit]   (exits 1 when any function is over the limit)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const limit = Number(process.argv[2] ?? 70);
const routeMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'route', 'head']);

type LongFunction = { name: string; file: string; line: number; lines: number };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** The name a reader would search for: the declaration's own name, or the variable/property holding it. */
function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent))
    return `(callback of ${parent.expression.getText().replace(/\s+/g, '').slice(-40)})`;
  return '(anonymous)';
}

/** A call like `app.post('/v1/x', …)`: a route registration. */
function isRouteCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const first = node.arguments[0];
  return (
    routeMethods.has(node.expression.name.text) &&
    first !== undefined &&
    (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
  );
}

function registersRoutes(node: ts.Node): boolean {
  return (
    isRouteCall(node) || (ts.forEachChild(node, (child) => registersRoutes(child) || undefined) ?? false)
  );
}

function longFunctionsIn(path: string): LongFunction[] {
  const text = readFileSync(path, 'utf8');
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const isRoutesFile = path.endsWith('-routes.ts');
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line + 1;
      const lines = end - start + 1;
      if (lines > limit && !(isRoutesFile && registersRoutes(fn))) {
        found.push({ name: functionName(fn), file: relative(root, path), line: start, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const all = ['src', 'web/src']
  .flatMap((dir) => sourceFiles(join(root, dir)))
  .flatMap(longFunctionsIn)
  .sort((a, b) => b.lines - a.lines);

for (const fn of all) console.log(`${String(fn.lines).padStart(4)}  ${fn.name}  ${fn.file}:${fn.line}`);
console.log(`${all.length} function(s) over ${limit} lines`);
process.exitCode = all.length > 0 ? 1 : 0;
