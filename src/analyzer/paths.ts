/**
 * Path arithmetic for resolving imports, on `/`-separated paths (Windows `\` is read as `/`).
 * The analyzer does no I/O: files are read through the caller's `readFile`.
 */

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

export function dirname(p: string): string {
  const n = p.replace(/\\/g, '/');
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

export function joinPath(a: string, b: string): string {
  if (b.startsWith('/')) return normalizePath(b);
  return normalizePath(`${a}/${b}`);
}
