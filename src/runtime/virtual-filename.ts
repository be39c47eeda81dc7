/**
 * Which run file names are not paths. No Node built-in here: the browser's run worker uses it.
 *
 * `<...>` names and `scheme:` URIs (two or more letters, so `C:\\` stays a path).
 */
export function isVirtualFilename(filename: string): boolean {
  return filename.startsWith('<') || /^[A-Za-z][A-Za-z0-9+.-]+:/.test(filename);
}
