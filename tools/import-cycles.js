// Finds import cycles among the server's and shared/'s TypeScript modules, type-only imports
// included (ESLint's import-x/no-cycle skips those, and a cycle of types is still a tangle).
// `npm run check:cycles` prints the module and import counts and each cycle; it exits 1 on any.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const folders = ['server/src', 'server/bench', 'shared'];

function typeScriptFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every project module a file imports: relative specifiers and the `#shared/*` alias. */
function importsOf(file) {
  const targets = new Set();
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const target = specifier.startsWith('.')
      ? resolve(dirname(file), specifier)
      : specifier.startsWith('#shared/')
        ? join(root, 'shared', `${specifier.slice('#shared/'.length)}.ts`)
        : null;
    if (target && existsSync(target)) targets.add(target);
  }
  return [...targets];
}

/** Tarjan's strongly connected components: each one with more than one module is a cycle. */
function cyclesOf(graph) {
  const order = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (module) => {
    order.set(module, order.size);
    low.set(module, order.get(module));
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(module, Math.min(low.get(module), order.get(next)));
      }
    }
    if (low.get(module) !== order.get(module)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1 || graph.get(module).includes(module)) cycles.push(component);
  };
  for (const module of graph.keys()) if (!order.has(module)) visit(module);
  return cycles;
}

const files = folders.flatMap((folder) => typeScriptFiles(join(root, folder)));
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const cycles = cyclesOf(graph);
const importCount = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
console.log(`${files.length} modules, ${importCount} imports, ${cycles.length} import cycle(s)`);
for (const cycle of cycles) console.log(`  cycle: ${cycle.map((file) => relative(root, file)).join(' ↔ ')}`);
process.exitCode = cycles.length > 0 ? 1 : 0;
