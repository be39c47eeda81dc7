/**
 * `node:url`'s file-URL functions for the browser bundles (scripts/build.mjs aliases `node:url`
 * here): POSIX paths only, which is what a web extension's `file:` URIs (rare) carry.
 */
export function fileURLToPath(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  return decodeURIComponent(u.pathname);
}

export function pathToFileURL(path: string): URL {
  return new URL(`file://${path.split('/').map(encodeURIComponent).join('/')}`);
}
