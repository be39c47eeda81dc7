/**
 * Prints IR as stable text: one node per line, indented two spaces per level, for golden
 * snapshots and debugging. It does not pretty-print Python; it shows the tree.
 *
 * Line format: `field: Kind scalar=value ... @line:col-line:col`. Scalar fields (strings, numbers,
 * booleans, null, arrays without nodes) are printed inline as JSON in the factories' field
 * order; node fields follow as indented lines labelled `field:` or `field[i]:`. Positions are
 * 1-based; columns count UTF-16 code units; the end position is exclusive.
 */
import { isNode, LineMap, type Node, type Span } from './ir';

export function printIr(root: Node, source: string): string {
  const lines = new LineMap(source);
  const out: string[] = [];
  const at = (sp: Span): string => {
    const a = lines.position(sp.from);
    const b = lines.position(sp.to);
    return `@${a.line}:${a.column}-${b.line}:${b.column}`;
  };

  const printNode = (node: Node, label: string, indent: string): void => {
    const inline: string[] = [];
    const nested: [string, unknown][] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'kind' || key === 'span') continue;
      if (isNode(value) || (Array.isArray(value) && value.some(isNode))) nested.push([key, value]);
      else inline.push(`${key}=${JSON.stringify(value)}`);
    }
    const head = [label + node.kind, ...inline, at(node.span)].join(' ');
    out.push(indent + head);
    const inner = indent + '  ';
    for (const [key, value] of nested) {
      if (Array.isArray(value)) {
        value.forEach((item: unknown, i) => {
          if (isNode(item)) printNode(item, `${key}[${i}]: `, inner);
          else out.push(`${inner}${key}[${i}]: ${JSON.stringify(item)}`);
        });
      } else {
        printNode(value as Node, `${key}: `, inner);
      }
    }
  };

  printNode(root, '', '');
  return out.join('\n') + '\n';
}
